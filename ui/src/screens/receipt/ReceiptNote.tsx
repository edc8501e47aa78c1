/** After a payment: the order, its receipt as the printer prints it, and a reprint. */
import { createSignal, Show } from 'solid-js';
import type { Order } from '../../../../crdt/schema.ts';
import { shortTransferRef } from '../../../../crdt/transfer-ref.ts';
import { api, currentToken } from '../../lib/api.ts';
import { money } from '../../i18n/i18n.ts';
import { run, workingOn } from '../../lib/run.ts';

export function ReceiptNote(props: { order: Order }) {
  const [shown, setShown] = createSignal(false);
  const [reprinted, setReprinted] = createSignal(false);
  const reprint = () =>
    run('Sending the copy to the printer…', async () => {
      await api(
        'POST',
        `/api/orders/${encodeURIComponent(props.order.number ?? props.order.id)}/reprint`,
      );
      setReprinted(true);
    });
  return (
    <div class="receipt" role="status">
      {props.order.kind === 'refund' ? 'Refund' : 'Paid'} <strong>{props.order.number}</strong>
      <Show when={props.order.till}> (till {props.order.till})</Show>:{' '}
      {money(props.order.totals!.total)}
      <Show when={props.order.totals!.change > 0}>
        {' '}
        — change {money(props.order.totals!.change)}
      </Show>
      <Show when={props.order.transferRef}>
        {' '}
        — related transfer {shortTransferRef(props.order.transferRef!)}
      </Show>
      <div class="receipt-actions">
        <button type="button" onClick={() => setShown(!shown())}>
          {shown() ? 'Hide receipt' : 'Show receipt'}
        </button>
        <button type="button" onClick={() => void reprint()} disabled={!!workingOn()}>
          Reprint
        </button>
        <Show when={workingOn()}>
          <span class="working">{workingOn()}</span>
        </Show>
        <Show when={reprinted() && !workingOn()}>
          <span>copy queued for the printer</span>
        </Show>
      </div>
      <Show when={shown()}>
        <img
          class="receipt-preview"
          alt={`receipt ${props.order.number}`}
          src={`/api/orders/${encodeURIComponent(props.order.id)}/receipt.svg?token=${encodeURIComponent(currentToken())}`}
        />
      </Show>
    </div>
  );
}
