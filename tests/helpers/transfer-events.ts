/** Transfer events for domain tests: three tills, a cart with a discount and a customer, and each step of a log. */
import { applyCartOp } from '../../crdt/cart.ts';
import { formatHlc } from '../../crdt/hlc.ts';
import type { OrderId, ProductId, TillCode, TransferId } from '../../crdt/ids.ts';
import type { TillInfo } from '../../crdt/schema.ts';
import { DEFAULT_MESH_SETTINGS } from '../../crdt/settings.ts';
import { buildSend } from '../../crdt/transfer-rules.ts';
import type { TransferEvent } from '../../crdt/transfer-schema.ts';
import type { LogTill, SentEvent } from '../../crdt/transfers.ts';
import { alice, cartContext, emptyCart, product, testCatalogue, vat20 } from './domain.ts';

export const A = 'A' as TillCode;
export const B = 'B' as TillCode;
export const C = 'C' as TillCode;
/** A till as an unsigned log (reduced without keys) tells it apart: by code alone. */
export const me = (code: TillCode): LogTill => ({ code, key: undefined });
export const at = (wall: number, node: string) => formatHlc({ wall, counter: 0, node });
const edited = { updatedAt: at(1, 'A'), updatedBy: alice };
export const tills: TillInfo[] = [
  { code: A, name: 'A', roles: { sender: true, receiver: true }, ...edited },
  { code: B, name: 'B', roles: { sender: true, receiver: true }, ...edited },
  { code: C, name: 'C', roles: { sender: false, receiver: true }, ...edited },
  { code: 'D' as TillCode, name: 'D', roles: { sender: true, receiver: false }, ...edited },
];
export const settings = DEFAULT_MESH_SETTINGS;
export const T1 = 'A-t1' as TransferId;
const cat = testCatalogue([product('p', 1250, vat20, ['111'])]);

export function cart() {
  const ctx = cartContext(cat.index);
  let c = emptyCart();
  c = applyCartOp(c, { type: 'addProduct', productId: 'p' as ProductId, qty: 2 }, ctx);
  c = applyCartOp(c, { type: 'setDiscount', lineId: c.lines[0]!.id, discountBp: 1000 }, ctx);
  return applyCartOp(c, { type: 'setCustomer', customer: { name: 'Ada', contact: '' } }, ctx);
}

export function sent(
  targets: TillCode[] | null = null,
  mode: 'assigned' | 'broadcast' = 'broadcast',
  self = A,
  id = T1,
): SentEvent {
  return buildSend({
    id,
    cart: cart(),
    request: { mode, targets },
    self,
    tills,
    settings,
    at: at(100, self),
    by: alice,
  });
}

export const claim = (till: TillCode, wall: number): TransferEvent => ({
  type: 'claimed',
  at: at(wall, till),
  till,
  by: alice,
});
export const confirm = (
  till: TillCode,
  claimWall: number,
  wall: number,
  by = A,
): TransferEvent => ({
  type: 'confirmed',
  at: at(wall, by),
  claim: till,
  claimAt: at(claimWall, till),
});
export const release = (till: TillCode, claimWall: number, wall: number): TransferEvent => ({
  type: 'released',
  at: at(wall, till),
  till,
  claimAt: at(claimWall, till),
  by: alice,
});
export const paid = (till: TillCode, wall: number, n = 1): TransferEvent => ({
  type: 'paid',
  at: at(wall, till),
  till,
  orderId: `o-${till}` as OrderId,
  orderNumber: `${till}-20261121-000${n}`,
  by: alice,
});
export const cancel = (wall: number, by = A): TransferEvent => ({
  type: 'cancelled',
  at: at(wall, by),
  by: alice,
});
