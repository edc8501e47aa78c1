/** The Z report a close would make, and what becomes of the open carts, before confirming. */
import { For, Show } from 'solid-js';
import type { ClosePreview } from '../../../../crdt/api-types.ts';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { plural, t } from '../../i18n/i18n.ts';
import { ReportView } from './ReportView.tsx';

export function ZPreviewDialog(props: {
  preview: ClosePreview;
  carryOver: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const refused = () => !props.carryOver && props.preview.openCarts.length > 0;
  return (
    <Modal
      title={t('close.previewTitle')}
      onClose={props.onClose}
      onConfirm={() => !refused() && props.onConfirm()}
      class="z-preview"
    >
      <ReportView report={props.preview.report} />
      <Show when={props.preview.openCarts.length > 0}>
        <h4>{t(refused() ? 'close.cartsRefuse' : 'close.cartsCarried')}</h4>
        <ul class="open-carts">
          <For each={props.preview.openCarts}>
            {(cart) => (
              <li>
                {t('close.cart', { by: cart.openedBy })} · {plural('close.lines', cart.lines)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ModalActions
        confirm={t('close.confirm')}
        danger
        disabled={refused()}
        onConfirm={props.onConfirm}
        onCancel={props.onClose}
      />
    </Modal>
  );
}
