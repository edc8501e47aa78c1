/** The cart's "Related transfer" tag: a short reference people read and the till it came from, never the UUID. */
import { logOwner } from '../../../../crdt/event-logs.ts';
import { shortTransferRef } from '../../../../crdt/transfer-ref.ts';
import { t } from '../../i18n/i18n.ts';
import './transfers.css';

export function RelatedTransferTag(props: { transferRef: string }) {
  const from = () => logOwner(props.transferRef);
  return (
    <p class="transfer-tag">
      {t('transfer.ref', { ref: shortTransferRef(props.transferRef) })}
      {from() ? ` · ${t('transfer.refFrom', { till: from()! })}` : ''}
    </p>
  );
}
