/**
 * The catalogue's taxes: add one, or change its name, rate or whether prices
 * include it. Sales already paid keep the rate they were sold at.
 */
import { createSignal, For, Show } from 'solid-js';
import type { Tax } from '../../../../crdt/schema.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { formatPercent, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';

export function TaxesPanel(props: { taxes: Tax[]; onSaved: () => void }) {
  const [editing, setEditing] = createSignal<Tax | 'new'>();
  return (
    <section class="catalogue-panel taxes-panel" aria-labelledby="taxes-title">
      <h3 id="taxes-title">{t('catalogue.taxes')}</h3>
      <ul>
        <For each={props.taxes}>
          {(tax) => (
            <li>
              <button type="button" class="link" onClick={() => setEditing(tax)}>
                {tax.name}
              </button>
              <span>
                {formatPercent(tax.rateBp)},{' '}
                {t(tax.included ? 'report.included' : 'report.excluded')}
              </span>
            </li>
          )}
        </For>
      </ul>
      <button type="button" onClick={() => setEditing('new')}>
        {t('catalogue.newTax')}
      </button>
      <Show when={editing()} keyed>
        {(tax) => (
          <TaxForm
            tax={tax === 'new' ? undefined : tax}
            onSaved={() => {
              setEditing(undefined);
              props.onSaved();
            }}
            onClose={() => setEditing(undefined)}
          />
        )}
      </Show>
    </section>
  );
}

/** "5,5" or "5.5" percent as basis points (550); undefined unless 0 to 100 with at most 2 decimals. */
function typedRate(text: string): number | undefined {
  if (!/^\d{1,3}([.,]\d{1,2})?$/.test(text.trim())) return undefined;
  const bp = Math.round(Number(text.trim().replace(',', '.')) * 100);
  return bp <= 10_000 ? bp : undefined;
}

function TaxForm(props: { tax?: Tax; onSaved: () => void; onClose: () => void }) {
  const [name, setName] = createSignal(props.tax?.name ?? '');
  const [rate, setRate] = createSignal(props.tax ? String(props.tax.rateBp / 100) : '');
  const [included, setIncluded] = createSignal(props.tax?.included ?? true);
  const save = async () => {
    const rateBp = typedRate(rate());
    if (rateBp === undefined) return toast('error', t('catalogue.badRate'));
    const body = {
      ...(props.tax ? { id: props.tax.id } : {}),
      name: name().trim(),
      rateBp,
      included: included(),
    };
    const saved = await run(t('catalogue.savingTax'), () =>
      api<Tax>('POST', '/api/catalogue/taxes', body),
    );
    if (!saved) return;
    toast('success', t('catalogue.saved', { name: saved.name }));
    props.onSaved();
  };
  const title = () =>
    props.tax ? t('catalogue.editTitle', { name: props.tax.name }) : t('catalogue.newTax');
  return (
    <Modal
      title={title()}
      onClose={props.onClose}
      onConfirm={() => void save()}
      class="product-form"
    >
      <label>
        {t('catalogue.name')}
        <input name="tax-name" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('catalogue.taxRate')}
        <input
          name="tax-rate"
          inputmode="decimal"
          autocomplete="off"
          value={rate()}
          onInput={(e) => setRate(e.currentTarget.value)}
        />
      </label>
      <label class="choice">
        <input
          type="checkbox"
          name="tax-included"
          checked={included()}
          onChange={(e) => setIncluded(e.currentTarget.checked)}
        />
        {t('catalogue.taxIncluded')}
      </label>
      <ModalActions
        confirm={t('catalogue.save')}
        disabled={!name().trim()}
        onConfirm={() => void save()}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
