/** The cart's customer and note, edited in one dialog. */
import { createSignal } from 'solid-js';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { t } from '../../i18n/i18n.ts';
import type { Cart } from './cart-store.ts';

export function CustomerNoteDialog(props: {
  cart: Cart;
  onSave: (customer: { name: string } | null, note: string) => void;
  onClose: () => void;
}) {
  const [name, setName] = createSignal(props.cart.customer?.name ?? '');
  const [note, setNote] = createSignal(props.cart.note);
  const save = () => props.onSave(name().trim() ? { name: name().trim() } : null, note().trim());
  return (
    <Modal title={t('sale.customerNote')} onClose={props.onClose} onConfirm={save}>
      <label>
        {t('sale.customer')}
        <input name="customer" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('sale.note')}
        <textarea
          name="note"
          rows={3}
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </label>
      <ModalActions confirm={t('sale.save')} onConfirm={save} onCancel={props.onClose} />
    </Modal>
  );
}
