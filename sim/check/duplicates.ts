/**
 * Two tills with one code: whose records a till counts, and what becomes of
 * the other's. The till that claimed the code first owns it (as the registry
 * each till holds says); a till reading its own code's days counts its own.
 * A duplicate's sales are kept on every till, apart, and counted nowhere but
 * on itself; once it knows it is one, it sells nothing.
 */
import * as Y from 'yjs';
import { DAY, parseDocName } from '../../crdt/documents.ts';
import { signerOf } from '../../crdt/signing.ts';
import type { Order } from '../../crdt/schema.ts';
import type { Till } from '../../node/till/till.ts';
import type { SimTill } from '../world/sim-till.ts';
import type { PaidRecord } from './ledger.ts';

/** The host whose records of `code` this till counts now (undefined: no till of the shop holds it). */
export function countedHost(
  sim: SimTill,
  till: Till,
  code: string,
  tills: readonly SimTill[],
): string | undefined {
  if (sim.code === code) return sim.host;
  const owner = till.ctx.registry.ownerOf(code as SimTill['code']);
  return tills.find((t) => t.peerId === owner)?.host;
}

/** The host that counts the records of the day document `doc` on this till. */
export function dayCountedHost(
  sim: SimTill,
  till: Till,
  doc: string,
  tills: readonly SimTill[],
): string | undefined {
  const ref = parseDocName(doc);
  return ref?.kind === 'day' ? countedHost(sim, till, ref.till, tills) : undefined;
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
