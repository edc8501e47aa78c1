/**
 * The carts of this till as the screen holds them: read from the daemon
 * whenever the day's document changes, and replaced at once by what the daemon
 * answers to each edit (a read still in flight from before an edit must never
 * bring back a cart that was just paid). Every edit is a request to the daemon,
 * with a manager's approval asked on the spot where it needs one.
 */
import { createResource, createSignal } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { OrderWithTotals } from '../../../../crdt/api-types.ts';
import { api } from '../../lib/api.ts';
import { withApproval } from '../../lib/approval.ts';

export type Cart = OrderWithTotals;
export interface LineEdit {
  qty?: number;
  discountBp?: number;
  price?: number | null;
}

export function createCartStore(dayVersion: Accessor<number>) {
  const [carts, { refetch, mutate }] = createResource(dayVersion, () =>
    api<Cart[]>('GET', '/api/carts'),
  );
  const [currentId, setCurrentId] = createSignal<string>();
  const current = (): Cart | undefined =>
    carts()?.find((c) => c.id === currentId()) ?? carts()?.[0];

  /** Shows what the daemon answered, then reads every cart again. */
  const track = (cart: Cart): Cart => {
    mutate((list = []) => {
      const others = list.filter((c) => c.id !== cart.id);
      return cart.status === 'open'
        ? [...others, cart].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1))
        : others;
    });
    setCurrentId(cart.status === 'open' ? cart.id : undefined);
    void refetch();
    return cart;
  };
  const forget = (cartId: string) => {
    mutate((list = []) => list.filter((c) => c.id !== cartId));
    setCurrentId(undefined);
    void refetch();
  };
  // taps and scans faster than the daemon answers share the one cart being made
  let making: Promise<Cart> | undefined;
  const ensure = async (): Promise<Cart> => {
    const cart = current();
    if (cart) return cart;
    making ??= api<Cart>('POST', '/api/carts')
      .then(track)
      .finally(() => (making = undefined));
    return making;
  };
  const path = (cart: Cart, rest = '') => `/api/carts/${cart.id}${rest}`;

  return {
    carts,
    current,
    select: setCurrentId,
    track,
    forget,
    refetch: () => void refetch(),
    newCart: async () => track(await api<Cart>('POST', '/api/carts')),
    add: async (item: { barcode: string } | { productId: string }, qty = 1) => {
      const cart = await ensure();
      return track(await api<Cart>('POST', path(cart, '/lines'), { ...item, qty }));
    },
    editLine: async (cart: Cart, lineId: string, edit: LineEdit) =>
      track(
        await withApproval((approval) =>
          api<Cart>('PATCH', path(cart, `/lines/${lineId}`), { ...edit, approval }),
        ),
      ),
    removeLine: async (cart: Cart, lineId: string) =>
      track(await api<Cart>('DELETE', path(cart, `/lines/${lineId}`))),
    setCustomerNote: async (cart: Cart, customer: { name: string } | null, note: string) =>
      track(await api<Cart>('PATCH', path(cart), { customer, note })),
    voidCart: async (cart: Cart, reason: string) =>
      track(
        await withApproval((approval) =>
          api<Cart>('POST', path(cart, '/void'), { reason, approval }),
        ),
      ),
  };
}

export type CartStore = ReturnType<typeof createCartStore>;
