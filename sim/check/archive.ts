/**
 * The relay's archive holds the books the tills hold, to the cent: once the shop
 * has healed, every paid order the tills count (and every sale of a till that
 * shares another's code, which they keep apart) is archived once, each till code's
 * takings per business day in the archive equal those orders, and every
 * archived order carries its till's signature in an unbroken chain
 * (node/relay/archive-books.ts, as `posmesh verify` reads an archive).
 */
import { verifyArchive } from '../../node/relay/archive-books.ts';
import type { SimRelay } from '../world/sim-relay.ts';
import { SIM_MESH_ID } from '../world/sim-mesh.ts';
import type { SimTill } from '../world/sim-till.ts';
import type { HeldOrder } from './held-orders.ts';
import { heldOrders } from './held-orders.ts';

/** What the archive must hold: the orders every till counts, and each duplicate's own sales. */
export function shopTakings(tills: readonly SimTill[]): Map<string, HeldOrder> {
  const first = tills.find((t) => t.till)?.till;
  const takings = first ? heldOrders(first) : new Map<string, HeldOrder>();
  for (const t of tills) {
    if (!t.till || t.till.ctx.registry.ownerOf(t.code) === t.peerId) continue;
    for (const [id, held] of heldOrders(t.till))
      if (held.order.till === t.code) takings.set(id, held);
  }
  return takings;
}

export async function archiveProblems(
  relay: SimRelay,
  held: ReadonlyMap<string, HeldOrder>,
): Promise<string[]> {
  const { sink, trust } = relay;
  if (!sink || !trust) return ['the relay never started'];
  const problems: string[] = [];
  const expected = new Map<string, { count: number; net: number }>();
  for (const { order } of held.values()) {
    const key = `${order.till} ${order.businessDate}`;
    const day = expected.get(key) ?? { count: 0, net: 0 };
    expected.set(key, { count: day.count + 1, net: day.net + order.totals!.total });
  }
  const archived = new Map(
    (await sink.dayTotals(SIM_MESH_ID)).map((d) => [
      `${d.till} ${d.businessDate}`,
      { count: d.sales + d.refunds, net: d.net },
    ]),
  );
  for (const key of new Set([...expected.keys(), ...archived.keys()])) {
    const want = expected.get(key) ?? { count: 0, net: 0 };
    const got = archived.get(key) ?? { count: 0, net: 0 };
    if (want.count !== got.count || want.net !== got.net)
      problems.push(
        `${key}: the tills hold ${want.count} orders, net ${want.net}; the archive ${got.count}, net ${got.net}`,
      );
  }
  const books = await verifyArchive(sink, SIM_MESH_ID, trust);
  for (const p of books.unproven) problems.push(`archive: ${p.where}: ${p.detail}`);
  for (const till of books.tills)
    for (const p of till.problems) problems.push(`archive: ${p.where}: ${p.detail}`);
  return problems;
}
