/**
 * A cart offered by another till, before taking it: who sent it and when, the
 * customer and note, every line with its quantity, negotiated unit price
 * (the list price beside it when overridden), discount and amount, and the
 * totals as the sender locked them in; Accept rebuilds it here.
 */
import { Show } from 'solid-js';
import { hlcWall } from '../../../../crdt/hlc.ts';
import type { OrderWithTotals, TransferView } from '../../../../crdt/api-types.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { formatTime, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { fromText, refOf } from './transfer-data.ts';
import { TransferLines } from './TransferLines.tsx';
import './transfers.css';

export interface TransferPreviewProps {
  transfer: TransferView;
  /** No longer offered (taken elsewhere, or cancelled): shown, but not accepted. */
  gone?: boolean;
  onClose: () => void;
  /** The cart rebuilt on this till, with its related-transfer reference. */
  onAccepted: (cart: OrderWithTotals) => void;
}

export function TransferPreview(props: TransferPreviewProps) {
  const cart = () => props.transfer.cart;
  const accept = () => {
    if (props.gone) return;
    void run(t('preview.accepting'), async () => {
      const order = await api<OrderWithTotals>('POST', `/api/transfers/${props.transfer.id}/claim`);
      toast(
        'success',
        t('preview.accepted', { till: fromText(props.transfer), ref: refOf(props.transfer) }),
      );
      props.onAccepted(order);
    });
  };
  return (
    <Modal
      title={t('preview.title', { till: fromText(props.transfer) })}
      onClose={props.onClose}
      onConfirm={accept}
      class="transfer-preview"
    >
      <p>
        {t('preview.sentBy', {
          ref: refOf(props.transfer),
          name: props.transfer.sentBy.name,
          time: formatTime(hlcWall(props.transfer.sentAt)),
        })}
      </p>
      <Show when={cart().customer}>
        {(c) => <p>{t('preview.customer', { name: c().name })}</p>}
      </Show>
      <Show when={cart().note}>{(note) => <p>{t('preview.note', { note: note() })}</p>}</Show>
      <TransferLines cart={cart()} />
      <Show when={props.gone}>
        <p class="error" role="alert">
          {t('preview.gone')}
        </p>
      </Show>
      <ModalActions
        confirm={t('preview.accept')}
        disabled={props.gone}
        onConfirm={accept}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
