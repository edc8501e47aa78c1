/**
 * What of the mesh's documents is finished business, as archive records:
 * paid orders (exactly as their till signed them), cash movements and drawer
 * openings of every day, the Z report of a closed day once every order it
 * counts has arrived, and transfers that are done, cancelled or in conflict,
 * with their whole signed log. Only records that verify against the registry
 * are read (DayView and TransfersView check every signature); the paid orders
 * of a till sharing the day's code (a duplicate) are archived too, apart by
 * their signer, so what the archive holds does not depend on whether the relay
 * heard of the code's owner before or after them.
 */
import type { DayView } from '../../crdt/day.ts';
import { DAY } from '../../crdt/documents.ts';
import type { OrderId } from '../../crdt/ids.ts';
import { dayReport } from '../../crdt/report.ts';
import type { TransfersView } from '../../crdt/transfers.ts';
import type { ArchiveRecord } from '../archive/archive-sink.ts';

/** A transfer in one of these states changes no more, but a conflict may still gain a payment. */
const FINISHED = new Set(['done', 'cancelled', 'conflict']);

/**
 * `archived` says which paid orders the archive already holds: a paid order
 * never changes, so those are not read (nor their signatures checked) again,
 * and a busy day is read in the time its new sales take.
 */
export function dayRecords(
  meshId: string,
  view: DayView,
  archived: (orderId: string) => boolean = () => false,
): ArchiveRecord[] {
  const keys = [...view.doc.getMap(DAY.orders).keys()];
  const fresh = keys.filter((id) => !archived(id));
  const orders = fresh.flatMap((id) => view.order(id as OrderId) ?? []);
  // a duplicate's sales are money taken all the same: archived apart (their signer says whose)
  const apart = fresh.flatMap((id) => view.duplicateOrder(id as OrderId) ?? []);
  const records = [...orders, ...apart]
    .filter((o) => o.status === 'paid')
    .map((o): ArchiveRecord => ({ kind: 'order', meshId, doc: view.name, order: view.signed(o) }));
  const meta = view.meta();
  if (!meta) return records;
  const moves = view.cashMoves();
  const openings = view.drawerOpenings();
  const at = { till: meta.till, businessDate: meta.businessDate };
  records.push(
    ...moves.map((move): ArchiveRecord => ({ kind: 'cash-move', meshId, ...at, move })),
    ...openings.map((opening): ArchiveRecord => ({
      kind: 'drawer-opening',
      meshId,
      ...at,
      opening,
    })),
  );
  if (!meta.closedAt) return records;
  // a closed day's report counts its orders: archive it once all of them are here
  const counted = fresh.length < keys.length ? view.orders() : orders;
  if (meta.orderCount === counted.filter((o) => o.status === 'paid').length)
    records.push({
      kind: 'z-report',
      meshId,
      meta,
      report: dayReport(meta, counted, moves, openings),
    });
  return records;
}

export function transferRecords(meshId: string, view: TransfersView): ArchiveRecord[] {
  return view
    .all()
    .filter((state) => FINISHED.has(state.status))
    .map((state) => ({
      kind: 'transfer',
      meshId,
      id: state.id,
      status: state.status,
      from: state.from,
      finalisedBy: state.done?.till ?? null,
      orderNumber: state.done?.orderNumber ?? null,
      events: view.events(state.id),
    }));
}
