/**
 * What of the mesh's documents is finished business, as archive records:
 * paid orders (exactly as their till signed them), cash movements and drawer
 * openings of every day, the Z report of a closed day once every order it
 * counts has arrived, and transfers that are done, cancelled or in conflict,
 * with their whole signed log. Only records that verify against the registry
 * are read (DayView and TransfersView check every signature).
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
  const meta = view.meta();
  if (!meta) return [];
  const keys = [...view.doc.getMap(DAY.orders).keys()];
  const fresh = keys.filter((id) => !archived(id));
  const unread = keys.length - fresh.length;
  const orders = fresh.flatMap((id) => view.order(id as OrderId) ?? []);
  const paid = orders.filter((o) => o.status === 'paid');
  const moves = view.cashMoves();
  const openings = view.drawerOpenings();
  const at = { till: meta.till, businessDate: meta.businessDate };
  const records: ArchiveRecord[] = [
    ...paid.map((o): ArchiveRecord => ({
      kind: 'order',
      meshId,
      doc: view.name,
      order: view.signed(o),
    })),
    ...moves.map((move): ArchiveRecord => ({ kind: 'cash-move', meshId, ...at, move })),
    ...openings.map((opening): ArchiveRecord => ({
      kind: 'drawer-opening',
      meshId,
      ...at,
      opening,
    })),
  ];
  // a closed day's report counts its orders: archive it once all of them are here
  if (meta.closedAt && meta.orderCount === paid.length + unread)
    records.push({
      kind: 'z-report',
      meshId,
      meta,
      report: dayReport(meta, unread ? view.orders() : orders, moves, openings),
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
