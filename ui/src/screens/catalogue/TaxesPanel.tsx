/**
 * The catalogue's taxes: add one, or change its name, rate or whether prices
 * include it. Sales already paid keep the rate they were sold at.
 */
import { createSignal } from 'solid-js';
import { parseBasisPoints } from '../../../../crdt/pricing.ts';
import type { Tax } from '../../../../crdt/schema.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { formatPercent, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { RecordPanel } from './RecordPanel.tsx';

export function TaxesPanel(props: { taxes: Tax[]; onSaved: () => void }) {
  return (
    <RecordPanel
      kind="taxes"
      title={t('catalogue.taxes')}
      items={props.taxes}
      newLabel={t('catalogue.newTax')}
      detail={(tax) => (
        <span>
          {formatPercent(tax.rateBp)}, {t(tax.included ? 'report.included' : 'report.excluded')}
        </span>
      )}
      form={(tax, done) => (
        <TaxForm tax={tax} onSaved={() => done(true)} onClose={() => done(false)} />
      )}
      onSaved={props.onSaved}
    />
  );
}

/** "5,5" or "5.5" percent as basis points (550); undefined unless 0 to 100 with at most 2 decimals. */
function typedRate(text: string): number | undefined {
  try {
    return parseBasisPoints(text);
  } catch {
    return undefined;
  }
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
