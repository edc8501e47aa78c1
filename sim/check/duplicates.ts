/**
 * Two tills with one code: whose records a till counts, and what becomes of
 * the other's. The till that claimed the code first owns it (as the registry
 * each till holds says); each writes days of its own, and a till counts its
 * own days and the owner's. A duplicate's sales are kept on every till, apart,
 * and counted nowhere but on itself; once it knows it is one, it sells nothing.
 */
import * as Y from 'yjs';
import { DAY, parseDocName } from '../../crdt/documents.ts';
import { signerOf } from '../../crdt/signing.ts';
import type { Order } from '../../crdt/schema.ts';
import { isOwnDay } from '../../node/till/context.ts';
import type { Till } from '../../node/till/till.ts';
import type { SimTill } from '../world/sim-till.ts';
import type { PaidRecord } from './ledger.ts';

/** The host of the till that owns `code` as this till's registry says (undefined: none of the shop). */
function ownerHost(till: Till, code: string, tills: readonly SimTill[]): string | undefined {
  const owner = till.ctx.registry.ownerOf(code as SimTill['code']);
  return tills.find((t) => t.peerId === owner)?.host;
}

/** Whether this till counts a sale of `seller` under `code`: its own, or the code's owner's. */
export function countsSale(
  sim: SimTill,
  till: Till,
  seller: string,
  code: string,
  tills: readonly SimTill[],
): boolean {
  return seller === sim.host || ownerHost(till, code, tills) === seller;
}

/** The host whose records of the day document `doc` this till counts: itself for its own days. */
export function dayCountedHost(
  sim: SimTill,
  till: Till,
  doc: string,
  tills: readonly SimTill[],
): string | undefined {
  const ref = parseDocName(doc);
  if (ref?.kind !== 'day') return undefined;
  return isOwnDay(till.ctx, ref) ? sim.host : ownerHost(till, ref.till, tills);
}

/** Whether the till holds `order` as its seller signed it, in a live or closed day of its code. */
export function keepsApart(till: Till, order: Order, signer: string): boolean {
  const { docs } = till.ctx;
  const ofCode = (name: string) => {
    const ref = parseDocName(name);
    return ref?.kind === 'day' && ref.till === order.till;
  };
  const holds = (doc: Y.Doc, name: string) =>
    signerOf(
      doc.getMap(DAY.orders).get(order.id),
      { doc: name, map: DAY.orders, key: order.id },
      till.ctx.registry,
    ) === signer;
  if (docs.names().some((name) => ofCode(name) && holds(docs.get(name)!, name))) return true;
  return docs
    .closedNames()
    .filter(ofCode)
    .some((name) => {
      const doc = docs.readClosed(name);
      const found = doc !== undefined && holds(doc, name);
      doc?.destroy();
      return found;
    });
}

/** A sale a till acknowledged while its own registry said another till owns its code. */
export function soldAsDuplicate(paid: Iterable<PaidRecord>): string[] {
  return [...paid]
    .filter((p) => p.how === 'acknowledged' && !p.ownedCode)
    .map((p) => `${p.host} sold ${p.order.number} under ${p.order.till}, which another till owns`);
}
