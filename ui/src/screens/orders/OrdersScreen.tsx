/**
 * Today's orders of this till and of the others the documents hold, newest
 * first: search by number or customer, or scan a receipt's code to open it.
 */
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { classifyScan } from '../../../../crdt/scan.ts';
import { hlcWall } from '../../../../crdt/hlc.ts';
import type { Order } from '../../../../crdt/schema.ts';
import { go } from '../../app/router.ts';
import { formatTime, money, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { listenForScans } from '../../lib/scanner.ts';
import { OrderDetailView } from './OrderDetailView.tsx';
import './orders.css';

/** Other tills' sales arrive by sync: the list is read again this often. */
export const ORDERS_REFRESH_MS = 5_000;

export function OrdersScreen(props: { params: string[] }) {
  const [query, setQuery] = createSignal('');
  const [tick, setTick] = createSignal(0);
  const timer = setInterval(() => setTick((n) => n + 1), ORDERS_REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  const [orders] = createResource(
    () => ({ q: query(), tick: tick() }),
    ({ q }) => api<Order[]>('GET', `/api/orders?q=${encodeURIComponent(q)}`),
  );
  const open = (ref: string) => go('orders', ref);
  onCleanup(
    listenForScans((code) => {
      const scan = classifyScan(code, []);
      if (scan.kind === 'order') open(scan.number);
    }),
  );
  return (
    <div class="orders">
      <section class="order-list">
        <input
          type="search"
          name="order-search"
          aria-label={t('orders.search')}
          placeholder={t('orders.search')}
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            const only = orders()?.length === 1 ? orders()![0] : undefined;
            if (e.key === 'Enter' && only) open(only.number ?? only.id);
          }}
        />
        <ul>
          <For each={orders()} fallback={<li class="hint">{t('orders.none')}</li>}>
            {(o) => (
              <li>
                <button
                  type="button"
                  classList={{ chosen: props.params[0] === o.number, refund: o.kind === 'refund' }}
                  onClick={() => open(o.number ?? o.id)}
                >
                  <span>{o.number}</span>
                  <span>{formatTime(hlcWall(o.closedAt ?? o.openedAt))}</span>
                  <span>{o.customer?.name ?? ''}</span>
                  <strong>{money(o.totals!.total)}</strong>
                </button>
              </li>
            )}
          </For>
        </ul>
      </section>
      <Show when={props.params[0]} keyed fallback={<p class="hint">{t('orders.pick')}</p>}>
        {(ref) => <OrderDetailView orderRef={ref} />}
      </Show>
    </div>
  );
}
