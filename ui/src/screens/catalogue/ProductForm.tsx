/** Editing one product (or making one): every field, and who changed it last and when. */
import { createSignal, For, Show } from 'solid-js';
import type { Category, Product, Tax } from '../../../../crdt/schema.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { currencyDecimals, toDecimalString } from '../../../../crdt/money.ts';
import { currency, formatPercent, t, typedAmount } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { stampTime } from '../day/format.ts';

export function ProductForm(props: {
  product?: Product;
  taxes: Tax[];
  categories: Category[];
  onSaved: (product: Product) => void;
  onClose: () => void;
}) {
  const p = props.product;
  const [name, setName] = createSignal(p?.name ?? '');
  const [barcodes, setBarcodes] = createSignal(p?.barcodes.join(' ') ?? '');
  const [price, setPrice] = createSignal(
    p ? toDecimalString(p.price, currencyDecimals(currency())) : '',
  );
  const [taxId, setTaxId] = createSignal<string>(p?.taxId ?? props.taxes[0]?.id ?? '');
  const [categoryId, setCategoryId] = createSignal<string>(p?.categoryId ?? '');
  const [active, setActive] = createSignal(p?.active ?? true);
  const save = async () => {
    let minor: number;
    try {
      minor = typedAmount(price());
    } catch {
      return toast('error', t('error.INVALID_AMOUNT'));
    }
    const saved = await run(t('catalogue.saving'), () =>
      api<Product>('POST', '/api/catalogue/products', {
        ...(p ? { id: p.id } : {}),
        name: name().trim(),
        barcodes: barcodes()
          .split(/[\s|,]+/)
          .filter(Boolean),
        price: minor,
        taxId: taxId(),
        categoryId: categoryId() || null,
        active: active(),
      }),
    );
    if (!saved) return;
    toast('success', t('catalogue.saved', { name: saved.name }));
    props.onSaved(saved);
  };
  return (
    <Modal
      title={p ? t('catalogue.editTitle', { name: p.name }) : t('catalogue.newProduct')}
      onClose={props.onClose}
      onConfirm={() => void save()}
      class="product-form"
    >
      <Show when={p}>
        {(known) => (
          <p class="hint" data-testid="edited">
            {t('catalogue.editedBy', {
              name: known().updatedBy.name,
              at: stampTime(known().updatedAt),
            })}
          </p>
        )}
      </Show>
      <label>
        {t('catalogue.name')}
        <input name="name" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('catalogue.barcodes')}
        <input
          name="barcodes"
          value={barcodes()}
          onInput={(e) => setBarcodes(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('catalogue.price')}
        <input
          name="price"
          inputmode="decimal"
          value={price()}
          onInput={(e) => setPrice(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('catalogue.tax')}
        <select name="tax" value={taxId()} onChange={(e) => setTaxId(e.currentTarget.value)}>
          <For each={props.taxes}>
            {(tax) => (
              <option value={tax.id}>
                {tax.name} ({formatPercent(tax.rateBp)})
              </option>
            )}
          </For>
        </select>
      </label>
      <label>
        {t('catalogue.category')}
        <select
          name="category"
          value={categoryId()}
          onChange={(e) => setCategoryId(e.currentTarget.value)}
        >
          <option value="">{t('catalogue.noCategory')}</option>
          <For each={props.categories}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
      </label>
      <label class="choice">
        <input
          type="checkbox"
          name="active"
          checked={active()}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        {t('catalogue.active')}
      </label>
      <ModalActions
        confirm={t('catalogue.save')}
        disabled={!name().trim() || !price().trim()}
        onConfirm={() => void save()}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
