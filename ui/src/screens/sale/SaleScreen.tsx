import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { Order, Product } from '../../../../crdt/schema.ts';
import type { TransferState } from '../../../../crdt/transfers.ts';
import { lineAmounts } from '../../../../crdt/pricing.ts';
import { api } from '../../lib/api.ts';
import type { Live } from '../../lib/live.ts';
import { follow } from '../../lib/live.ts';
import { useSession } from '../../app/session.tsx';
import { money, typedAmount } from '../../i18n/i18n.ts';
import { listenForScans } from '../../lib/scanner.ts';
import { classifyScan } from '../../../../crdt/scan.ts';
import type { DeviceFeed } from '../../lib/devices.ts';
import { ReceiptNote } from '../receipt/ReceiptNote.tsx';
import { CartView } from './CartView.tsx';
import { PayDialog } from '../payment/PayDialog.tsx';
import { SendDialog } from '../transfers/SendDialog.tsx';
import { run, workingOn } from '../../lib/run.ts';
import { toast } from '../../components/Toasts.tsx';

interface DayInfo {
  day: { doc: string; businessDate: string; paid: number; openCarts: number } | null;
  carriedOver: number;
}

/** The cashier's screen on the open day's document (or the settings, until a day opens). */
export function SaleScreen() {
  const session = useSession();
  return (
    <Show keyed when={session.day()?.day?.doc ?? 'settings'}>
      {(doc) => (
        <Sale
          day={follow(doc)}
          transfers={session.transfers}
          tills={(session.settings()?.tills ?? []).map((x) => x.code)}
          self={session.self}
          devices={session.devices}
          onDayChanged={session.refetchDay}
        />
      )}
    </Show>
  );
}

function Sale(props: {
  day: Live;
  transfers: Live;
  tills: string[];
  self: string;
  devices: DeviceFeed;
  onDayChanged: () => void;
}) {
  const [dayInfo, { refetch: refetchDay }] = createResource(() => api<DayInfo>('GET', '/api/day'));
  const [carts, { refetch: refetchCarts, mutate: setCarts }] = createResource(
    () => props.day.version(),
    () => api<Order[]>('GET', '/api/carts'),
  );
  const [offered, { refetch: refetchOffered }] = createResource(
    () => props.transfers.version(),
    () => api<TransferState[]>('GET', '/api/transfers/offered'),
  );
  const [currentId, setCurrentId] = createSignal<string>();
  const [query, setQuery] = createSignal('');
  const [results] = createResource(query, (q) =>
    api<Product[]>('GET', `/api/catalogue/products?q=${encodeURIComponent(q)}&limit=24`),
  );
  const [receipt, setReceipt] = createSignal<Order>();
  const [paying, setPaying] = createSignal(false);
  const [sending, setSending] = createSignal(false);
  const [preview, setPreview] = createSignal<TransferState>();

  const current = () => carts()?.find((c) => c.id === currentId()) ?? carts()?.[0];

  const refresh = () => {
    void refetchCarts();
    void refetchDay();
  };

  /**
   * What the till answered is shown at once (an open cart replaced or added, a
   * closed one gone), then everything is read again: a read still in flight from
   * before the action must never bring back a cart that was just paid.
   */
  const track = (order: Order) => {
    setCarts((list = []) => {
      const others = list.filter((c) => c.id !== order.id);
      return order.status === 'open'
        ? [...others, order].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1))
        : others;
    });
    setCurrentId(order.status === 'open' ? order.id : undefined);
    refresh();
  };

  const ensureCart = async (): Promise<Order> => {
    const cart = current();
    if (cart) return cart;
    const created = await api<Order>('POST', '/api/carts');
    track(created);
    return created;
  };

  const add = (body: { barcode: string } | { productId: string }) =>
    run('Adding…', async () => {
      const cart = await ensureCart();
      track(await api<Order>('POST', `/api/carts/${cart.id}/lines`, { ...body, qty: 1 }));
      setReceipt(undefined);
    });

  /** A scanned receipt opens its order: its receipt, with a reprint. */
  const openOrder = (number: string) =>
    run(`Opening ${number}…`, async () => {
      setReceipt(
        (await api<{ order: Order }>('GET', `/api/orders/${encodeURIComponent(number)}`)).order,
      );
    });

  const stop = listenForScans((code) => {
    const scan = classifyScan(code, []);
    void (scan.kind === 'order' ? openOrder(scan.number) : add({ barcode: code }));
  });
  onCleanup(stop);

  // the daemon's serial scanner adds to the cart on this screen: tell it which one that is
  createEffect(
    on(
      () => current()?.id ?? null,
      (cartId) => void api('PUT', '/api/screen', { cartId }).catch(() => undefined),
    ),
  );
  props.devices.onEvent((event) => {
    if (event.type === 'scan-added') {
      setCurrentId(event.cartId);
      setReceipt(undefined);
      refresh();
    } else if (event.type === 'scan-refused' || event.type === 'scan-ignored')
      toast('error', `Scanned ${event.code}: ${event.message}`);
    else if (event.type === 'order-scanned') void openOrder(event.number);
  });

  const setQty = (cart: Order, lineId: string, qty: number) =>
    run('Updating…', async () => {
      track(
        qty <= 0
          ? await api<Order>('DELETE', `/api/carts/${cart.id}/lines/${lineId}`)
          : await api<Order>('PATCH', `/api/carts/${cart.id}/lines/${lineId}`, { qty }),
      );
    });

  const openDay = (floatText: string) =>
    run('Opening the day…', async () => {
      await api('POST', '/api/day/open', { float: typedAmount(floatText || '0') });
      props.onDayChanged();
    });

  return (
    <section class="till">
      <Show when={workingOn()}>
        <p class="working" role="status">
          {workingOn()}
        </p>
      </Show>
      <Show when={dayInfo() && !dayInfo()!.day}>
        <form
          class="open-day"
          onSubmit={(e) => {
            e.preventDefault();
            void openDay(new FormData(e.currentTarget).get('float') as string);
          }}
        >
          <h2>The business day is not open</h2>
          <Show when={dayInfo()!.carriedOver > 0}>
            <p>{dayInfo()!.carriedOver} cart(s) from the last day will come back.</p>
          </Show>
          <label>
            Opening float
            <input name="float" inputmode="decimal" value="0.00" />
          </label>
          <button type="submit">Open the day</button>
        </form>
      </Show>
      <Show when={dayInfo()?.day}>
        <div class="columns">
          <div class="cart">
            <div class="cart-tabs">
              <For each={carts()}>
                {(c, i) => (
                  <button
                    type="button"
                    classList={{ chosen: c.id === current()?.id }}
                    onClick={() => setCurrentId(c.id)}
                  >
                    Cart {i() + 1}
                    {c.transferRef ? ' ⇄' : ''}
                  </button>
                )}
              </For>
              <button
                type="button"
                onClick={() =>
                  void run('New cart…', async () => {
                    track(await api<Order>('POST', '/api/carts'));
                  })
                }
              >
                + New cart
              </button>
            </div>
            <Show
              when={current()}
              fallback={<p class="hint">Scan or pick a product to start a sale.</p>}
            >
              {(cart) => <CartView cart={cart()} onQty={setQty} />}
            </Show>
            <Show when={current()}>
              {(cart) => (
                <div class="actions">
                  <button
                    type="button"
                    class="pay"
                    disabled={!cart().lines.length || !!cart().transferLost}
                    onClick={() => setPaying(true)}
                  >
                    Pay
                  </button>
                  <button
                    type="button"
                    disabled={!cart().lines.length || !!cart().transferRef}
                    onClick={() => setSending(true)}
                  >
                    Send order
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void run('Voiding…', async () => {
                        track(await api<Order>('POST', `/api/carts/${cart().id}/void`));
                      })
                    }
                  >
                    Void
                  </button>
                </div>
              )}
            </Show>
            <Show when={receipt()} keyed>
              {(r) => <ReceiptNote order={r} />}
            </Show>
          </div>
          <div class="products">
            <input
              name="search"
              placeholder="Search or type a barcode, Enter to add"
              value={query()}
              onInput={(e) => setQuery(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && query().trim()) {
                  void add({ barcode: query().trim() }).then(() => setQuery(''));
                }
              }}
            />
            <div class="grid">
              <For each={results()}>
                {(p) => (
                  <button type="button" onClick={() => void add({ productId: p.id })}>
                    {p.name}
                    <small>{money(p.price)}</small>
                  </button>
                )}
              </For>
            </div>
            <h3>Receive order ({offered()?.length ?? 0})</h3>
            <ul class="offered">
              <For
                each={offered()}
                fallback={<li class="hint">No cart is waiting for this till.</li>}
              >
                {(t) => (
                  <li>
                    <button type="button" onClick={() => setPreview(t)}>
                      From {t.from}: {t.cart.lines.length} line(s), {money(t.cart.totals.total)}
                      <Show when={t.cart.customer}> — {t.cart.customer!.name}</Show>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </div>
      </Show>
      <Show when={paying() && current()}>
        <PayDialog
          cart={current()!}
          onClose={() => setPaying(false)}
          onPaid={(order) => {
            setPaying(false);
            setReceipt(order);
            track(order);
          }}
        />
      </Show>
      <Show when={sending() && current()}>
        <SendDialog
          cart={current()!}
          tills={props.tills.filter((t) => t !== props.self)}
          onClose={() => setSending(false)}
          onSent={(cartId) => {
            setSending(false);
            setCarts((list = []) => list.filter((c) => c.id !== cartId));
            setCurrentId(undefined);
            refresh();
          }}
        />
      </Show>
      <Show when={preview()}>
        {(t) => (
          <div class="dialog" role="dialog" aria-label="Transfer preview">
            <h2>Cart from {t().from}</h2>
            <Show when={t().cart.customer}>
              <p>Customer: {t().cart.customer!.name}</p>
            </Show>
            <Show when={t().cart.note}>
              <p>Note: {t().cart.note}</p>
            </Show>
            <table>
              <tbody>
                <For each={t().cart.lines}>
                  {(l) => (
                    <tr>
                      <td>{l.qty} ×</td>
                      <td>{l.name}</td>
                      <td>{money(l.priceOverride ?? l.unitPrice)}</td>
                      <td>{l.discountBp ? `−${l.discountBp / 100}%` : ''}</td>
                      <td>{money(lineAmounts(l).amount)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p class="total">Total {money(t().cart.totals.total)}</p>
            <button
              type="button"
              class="pay"
              onClick={() =>
                void run('Taking the cart…', async () => {
                  const cart = await api<Order>('POST', `/api/transfers/${t().id}/claim`);
                  setPreview(undefined);
                  track(cart);
                  void refetchOffered();
                })
              }
            >
              Accept
            </button>
            <button type="button" onClick={() => setPreview(undefined)}>
              Close
            </button>
          </div>
        )}
      </Show>
    </section>
  );
}
