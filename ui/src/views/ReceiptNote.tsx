/** After a payment: the order, its receipt as the printer prints it, and a reprint. */
import { createSignal, Show } from 'solid-js';
import type { Order } from '../../../crdt/schema.ts';
import { shortTransferRef } from '../../../crdt/transfer-ref.ts';
import { api, currentToken } from '../api.ts';
import { createAction, ActionError } from '../actions.tsx';
import { money } from '../money.ts';

export function ReceiptNote(props: { order: Order }) {
  const [shown, setShown] = createSignal(false);
  const [reprinted, setReprinted] = createSignal(false);
  const action = createAction();
  const reprint = () =>
    action.run('Sending the copy to the printer…', async () => {
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
        <button type="button" onClick={() => void reprint()} disabled={!!action.working()}>
          Reprint
        </button>
        <Show when={action.working()}>
          <span class="working">{action.working()}</span>
        </Show>
        <Show when={reprinted() && !action.working()}>
          <span>copy queued for the printer</span>
        </Show>
      </div>
      <ActionError action={action} />
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
