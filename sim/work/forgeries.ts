/**
 * A device that forges records: this till acts as a hostile member of the mesh
 * (it has the secret and a registered key, the strongest case) and writes into
 * another till's documents what that till never wrote — an order signed by
 * itself, a signed order copied with its total changed, records naming the
 * victim as their signer, a transfer event in another till's name, or a paid
 * order overwritten. Written like any local change (committed, then synced).
 * Every honest till must leave it out of its books (sim/check/forgeries.ts);
 * an overwritten order must come back as signed (and `paid everywhere` holds).
 */
import type * as Y from 'yjs';
import { DAY, parseDocName, TRANSFERS, TRANSFERS_DOC } from '../../crdt/documents.ts';
import { newId } from '../../crdt/ids.ts';
import type { Place } from '../../crdt/signing.ts';
import { signRecord } from '../../crdt/signing.ts';
import { LOCAL } from '../../node/docs/origins.ts';
import type { Forgery } from '../check/ledger.ts';
import type { WorkContext } from './context.ts';
import { cashier } from './context.ts';

type Raw = Record<string, unknown>;
const FORGERIES = ['foreign', 'tampered', 'spoofed', 'cash', 'transfer', 'overwrite'] as const;

/** A stamp of this till's clock no honest till makes (counter 999999), in `node`'s name. */
function forgedStamp(w: WorkContext, node: string): string {
  return `${w.till.ctx.clock.now().slice(0, 15)}:999999:${node}`;
}

export function forge(w: WorkContext): string {
  const { till, random } = w;
  const kind = random.pick(FORGERIES)!;
  const { docs } = till.ctx;
  const write = (doc: Y.Doc, fn: () => void) => docs.transact(() => doc.transact(fn, LOCAL));
  const signed = (record: object, place: Place) => signRecord(record, place, till.ctx.signer);
  const record = (f: Forgery) => {
    w.ledger.forged.push(f);
    return `forged ${f.kind} ${f.map}/${f.key.slice(0, 12)} in ${f.doc}`;
  };

  if (kind === 'transfer') {
    const target = random.pick(till.transfers.all().filter((s) => s.from !== till.code));
    if (!target) return 'no transfer of another till to forge';
    const doc = docs.get(TRANSFERS_DOC)!;
    const log = doc.getMap(TRANSFERS.transfers).get(target.id) as Y.Array<unknown> | undefined;
    if (!log) return 'no transfer log to forge';
    const place = { doc: TRANSFERS_DOC, map: TRANSFERS.transfers, key: target.id };
    const at = forgedStamp(w, target.from);
    const sender = till.ctx.registry.ownerOf(target.from);
    const event = random.chance(0.5)
      ? { type: 'cancelled', at, by: cashier }
      : {
          type: 'paid',
          at,
          till: target.from,
          orderId: newId(),
          orderNumber: `${target.from}-FORGED`,
          by: cashier,
        };
    write(doc, () =>
      log.push([{ ...signed(event, place), ...(sender ? { signer: sender } : {}) }]),
    );
    const map = TRANSFERS.transfers;
    return record({ kind: 'transfer', doc: TRANSFERS_DOC, map, key: target.id, stamp: at });
  }

  const victims = docs.names().filter((name) => {
    const ref = parseDocName(name);
    return ref?.kind === 'day' && ref.till !== till.code && !docs.isClosed(name);
  });
  const name = random.pick(victims);
  if (!name) return 'no day of another till to forge in';
  const doc = docs.get(name)!;
  const ref = parseDocName(name);
  if (ref?.kind !== 'day') return `${name} is not a day`;
  const code = ref.till;
  const victim = till.ctx.registry.ownerOf(code);
  const orders = doc.getMap<unknown>(DAY.orders);
  const paid = [...orders.entries()].filter(([, raw]) => (raw as Raw)?.status === 'paid');
  const [realKey, real] = (random.pick(paid) ?? []) as [string, Raw] | [];

  if (kind === 'cash') {
    const id = newId();
    const place = { doc: name, map: DAY.cash, key: id };
    const amount = -random.between(100, 50_000);
    const move = { id, amount, reason: 'paid out', at: forgedStamp(w, code), by: cashier };
    const forged = { ...signed(move, place), ...(victim ? { signer: victim } : {}) };
    write(doc, () => doc.getMap(DAY.cash).set(id, forged));
    return record({ kind: 'cash', doc: name, map: DAY.cash, key: id });
  }
  if (!real || !realKey) return `no paid order in ${name} to copy`;
  if (kind === 'overwrite') {
    const total = (real.totals as Raw).total as number;
    const worse = { ...real, totals: { ...(real.totals as Raw), total: total + 1 } };
    write(doc, () => orders.set(realKey, worse));
    record({ kind, doc: name, map: DAY.orders, key: realKey, total: total + 1 });
    return `overwrote ${String(real.number)} in ${name} (its total +1, its signature kept)`;
  }
  const id = newId();
  const place = { doc: name, map: DAY.orders, key: id };
  const { signer: _signer, sig: _sig, ...fields } = real;
  const copy = { ...fields, id, number: `${String(real.number)}F` };
  const forged =
    kind === 'tampered'
      ? { ...real, id, totals: { ...(real.totals as Raw), total: 1 } }
      : kind === 'spoofed'
        ? { ...signed(copy, place), ...(victim ? { signer: victim } : {}) }
        : signed(copy, place);
  write(doc, () => orders.set(id, forged));
  return record({ kind, doc: name, map: DAY.orders, key: id });
}
