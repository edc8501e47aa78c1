/** Sending a cart to another till: assigned to one, or offered to several. */
import { createSignal, For } from 'solid-js';
import type { Order } from '../../../../crdt/schema.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';

export function SendDialog(props: {
  cart: Order;
  tills: string[];
  onClose: () => void;
  onSent: (cartId: string) => void;
}) {
  const [chosen, setChosen] = createSignal<string[]>([]);
  const toggle = (till: string) =>
    setChosen((list) => (list.includes(till) ? list.filter((t) => t !== till) : [...list, till]));
  const send = (mode: 'assigned' | 'broadcast', targets: string[] | null) =>
    run('Sending…', async () => {
      await api('POST', `/api/carts/${props.cart.id}/send`, { mode, targets });
      props.onSent(props.cart.id);
    });
  return (
    <div class="dialog" role="dialog" aria-label="Send order">
      <h2>Send this cart</h2>
      <div class="staff">
        <For each={props.tills}>
          {(t) => (
            <button
              type="button"
              classList={{ chosen: chosen().includes(t) }}
              onClick={() => toggle(t)}
            >
              {t}
            </button>
          )}
        </For>
      </div>
      <button
        type="button"
        disabled={chosen().length !== 1}
        onClick={() => void send('assigned', chosen())}
      >
        Send to {chosen()[0] ?? '…'}
      </button>
      <button
        type="button"
        disabled={!chosen().length}
        onClick={() => void send('broadcast', chosen())}
      >
        Offer to the chosen tills
      </button>
      <button type="button" onClick={() => void send('broadcast', null)}>
        Offer to every till
      </button>
      <button type="button" onClick={props.onClose}>
        Cancel
      </button>
    </div>
  );
}
