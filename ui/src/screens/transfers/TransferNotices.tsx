/**
 * What the till tells its people about transfers (GET /api/transfers/notices),
 * read again whenever the transfers document changes and with every status
 * poll: a lost claim is an alert the cashier must acknowledge (the cart here
 * cannot be paid and must be voided); a cart taken or paid elsewhere, a
 * confirmation and a conflict are toasts. Only what is new since the screen
 * opened is told: older lost carts carry their own mark.
 */
import { createEffect, createSignal, on, Show } from 'solid-js';
import type { TransferNotice } from '../../../../crdt/api-types.ts';
import { shortTransferRef } from '../../../../crdt/transfer-ref.ts';
import { logOwner } from '../../../../crdt/event-logs.ts';
import { useSession } from '../../app/session.tsx';
import { Modal, ModalActions } from '../../components/Modal.tsx';
import { toast } from '../../components/Toasts.tsx';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import './transfers.css';

export interface TransferNoticesProps {
  /** A claim of this till was lost: the sale screen may show the cart of that transfer. */
  onLost?: (transferId: string) => void;
}

function words(notice: TransferNotice): string {
  const params = {
    ref: shortTransferRef(notice.transferId),
    till: notice.till ?? '',
    from: logOwner(notice.transferId) ?? '',
  };
  switch (notice.kind) {
    case 'claim-lost':
      return t(notice.till ? 'notice.lost' : 'notice.lostCancelled', params);
    case 'claim-confirmed':
      return t('notice.confirmed', params);
    case 'sent-claimed':
      return t('notice.sentClaimed', params);
    case 'sent-done':
      return t('notice.sentDone', params);
    case 'conflict':
      return t('notice.conflict', params);
  }
}

export function TransferNotices(props: TransferNoticesProps) {
  const session = useSession();
  const [lost, setLost] = createSignal<TransferNotice[]>([]);
  let seen: number | undefined;
  let reading = false;
  const read = async () => {
    if (reading) return;
    reading = true;
    try {
      const notices = await api<TransferNotice[]>(
        'GET',
        `/api/transfers/notices?since=${seen ?? 0}`,
      );
      const first = seen === undefined;
      seen = notices.reduce((max, n) => Math.max(max, n.seq), seen ?? 0);
      if (first) return;
      for (const notice of notices) {
        if (notice.kind === 'claim-lost') {
          setLost((list) => [...list, notice]);
          props.onLost?.(notice.transferId);
        } else toast(notice.kind === 'conflict' ? 'error' : 'info', words(notice));
      }
    } catch {
      // the connection bar says when the till does not answer; the next change reads again
    } finally {
      reading = false;
    }
  };
  createEffect(on([session.transfers.version, session.status], () => void read()));
  const dismiss = () => setLost((list) => list.slice(1));
  return (
    <Show when={lost()[0]}>
      {(notice) => (
        <Modal
          title={t('notice.lostTitle')}
          onClose={dismiss}
          onConfirm={dismiss}
          class="lost-claim"
        >
          <p role="alert">{words(notice())}</p>
          <ModalActions confirm={t('dialog.ok')} onConfirm={dismiss} onCancel={dismiss} />
        </Modal>
      )}
    </Show>
  );
}
