/** Taking payment for a cart: cash or card, with the change before it is validated. */
import { createSignal } from 'solid-js';
import type { Order } from '../../../../crdt/schema.ts';
import { computeTotals } from '../../../../crdt/pricing.ts';
import { api } from '../../lib/api.ts';
import { money, typedAmount } from '../../i18n/i18n.ts';
import { run, workingOn } from '../../lib/run.ts';

export function PayDialog(props: {
  cart: Order;
  onClose: () => void;
  onPaid: (order: Order) => void;
}) {
  const total = () => computeTotals(props.cart.lines).total;
  const [tendered, setTendered] = createSignal('');
  const pay = (method: 'cash' | 'card') =>
    run('Taking payment…', async () => {
      const amount = method === 'cash' && tendered() ? typedAmount(tendered()) : total();
      props.onPaid(
        await api<Order>('POST', `/api/carts/${props.cart.id}/pay`, {
          payments: [{ method, amount }],
        }),
      );
    });
  return (
    <div class="dialog" role="dialog" aria-label="Payment">
      <h2>Pay {money(total())}</h2>
      <label>
        Cash given
        <input
          name="tendered"
          inputmode="decimal"
          value={tendered()}
          onInput={(e) => setTendered(e.currentTarget.value)}
        />
      </label>
      <button type="button" class="pay" disabled={!!workingOn()} onClick={() => void pay('cash')}>
        {workingOn() || 'Cash'}
      </button>
      <button type="button" disabled={!!workingOn()} onClick={() => void pay('card')}>
        Card
      </button>
      <button type="button" onClick={props.onClose}>
        Cancel
      </button>
    </div>
  );
}
