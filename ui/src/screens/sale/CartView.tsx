/** The open cart: its lines with quantity steppers, and the totals the till computes the same way. */
import { For, Show } from 'solid-js';
import type { Order } from '../../../../crdt/schema.ts';
import { computeTotals, lineAmounts } from '../../../../crdt/pricing.ts';
import { money } from '../../i18n/i18n.ts';

export function CartView(props: {
  cart: Order;
  onQty: (cart: Order, lineId: string, qty: number) => unknown;
}) {
  const totals = () => computeTotals(props.cart.lines);
  return (
    <div class="lines">
      <Show when={props.cart.transferRef}>
        <p class="tag">Related transfer {props.cart.transferRef}</p>
      </Show>
      <Show when={props.cart.transferLost}>
        <p class="error">
          Another till ({props.cart.transferLost!.winner ?? 'the sender'}) holds this transfer: void
          this cart.
        </p>
      </Show>
      <table>
        <tbody>
          <For each={props.cart.lines}>
            {(l) => (
              <tr>
                <td>{l.name}</td>
                <td class="qty">
                  <button
                    type="button"
                    aria-label="less"
                    onClick={() => props.onQty(props.cart, l.id, l.qty - 1)}
                  >
                    −
                  </button>
                  {l.qty}
                  <button
                    type="button"
                    aria-label="more"
                    onClick={() => props.onQty(props.cart, l.id, l.qty + 1)}
                  >
                    +
                  </button>
                </td>
                <td>{money(lineAmounts(l).amount)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class="total" data-testid="cart-total">
        Total {money(totals().total)}
      </p>
    </div>
  );
}
