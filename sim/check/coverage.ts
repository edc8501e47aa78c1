/**
 * What a run exercised, read from the converged shop at its end: a seed that
 * never makes a transfer conflict or a provisional refund proves nothing about
 * them, so the CLI adds these up over all its seeds.
 */
import type { Shop } from '../world/shop.ts';
import type { Ledger, PaidRecord } from './ledger.ts';

export interface Coverage {
  sales: number;
  refunds: number;
  provisionalRefunds: number;
  refundConflicts: number;
  transfers: number;
  transfersDone: number;
  transfersCancelled: number;
  transferConflicts: number;
  closedDays: number;
  crashes: number;
  crashesAfterCommit: number;
  crashesInCommit: number;
  forgeries: number;
  /** Shops with a relay archiving the books. */
  relays: number;
  /** Shops with a till sharing another's code. */
  duplicates: number;
  /** Sales shown paid by a till that turned out to share an earlier till's code. */
  duplicateSales: number;
}

export const COVERAGE_LABELS: Record<keyof Coverage, string> = {
  sales: 'sales',
  refunds: 'refunds',
  provisionalRefunds: 'provisional refunds',
  refundConflicts: 'refund conflicts',
  transfers: 'transfers',
  transfersDone: 'done',
  transfersCancelled: 'cancelled',
  transferConflicts: 'transfer conflicts',
  closedDays: 'days closed',
  crashes: 'crashes',
  crashesAfterCommit: 'right after a commit',
  crashesInCommit: 'inside a commit',
  forgeries: 'records forged',
  relays: 'shops with a relay',
  duplicates: 'shops with a duplicate code',
  duplicateSales: 'sold by a duplicate',
};

export function coverage(shop: Shop, ledger: Ledger): Coverage {
  const till = shop.tills.find((t) => t.till)?.till;
  const transfers = till?.transfers.all() ?? [];
  const records = [...ledger.paid.values()];
  const paid = records.map((p) => p.order);
  const crashes = shop.tills.flatMap((t) => t.crashes);
  return {
    sales: paid.filter((o) => o.kind === 'sale').length,
    refunds: paid.filter((o) => o.kind === 'refund').length,
    provisionalRefunds:
      till?.refunds.requests.all().filter((r) => r.provisional && r.status === 'paid').length ?? 0,
    refundConflicts: till?.refunds.conflicts().length ?? 0,
    transfers: transfers.length,
    transfersDone: transfers.filter((s) => s.status === 'done').length,
    transfersCancelled: transfers.filter((s) => s.status === 'cancelled').length,
    transferConflicts: transfers.filter((s) => s.status === 'conflict').length,
    closedDays: ledger.closedDays.length,
    crashes: crashes.length,
    crashesAfterCommit: crashes.filter((c) => c === 'afterCommit').length,
    crashesInCommit: crashes.filter((c) => c === 'inCommit').length,
    forgeries: ledger.forged.length,
    relays: shop.relay ? 1 : 0,
    duplicates: new Set(shop.tills.map((t) => t.code)).size < shop.tills.length ? 1 : 0,
    duplicateSales: duplicateSales(shop, records),
  };
}

/** Paid by a till whose code, in the end, another till owns. */
function duplicateSales(shop: Shop, paid: readonly PaidRecord[]): number {
  const registry = shop.tills.find((t) => t.till)?.till?.ctx.registry;
  return paid.filter(
    (p) => registry?.ownerOf(p.order.till) !== shop.till(p.host).peerId && p.how === 'acknowledged',
  ).length;
}

export function addCoverage(into: Coverage, more: Coverage): void {
  for (const key of Object.keys(into) as Array<keyof Coverage>) into[key] += more[key];
}
