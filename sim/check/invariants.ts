/**
 * Every invariant at once, over the tills that are running. At a checkpoint
 * (after a quiet window) tills that can reach each other must hold identical
 * documents and every paid order of a till among them (a duplicate's kept
 * apart); at the end of a run, with everything healed and restarted, all of
 * them must. Books, transfers and refunds must hold on every till at every
 * check. Tills are named by host: two may share a code.
 */
import type { ClosedDay, Ledger } from './ledger.ts';
import type { Shop } from '../world/shop.ts';
import type { SimTill } from '../world/sim-till.ts';
import type { Till } from '../../node/till/till.ts';
import { isOwnDay } from '../../node/till/context.ts';
import { parseDocName } from '../../crdt/documents.ts';
import { booksProblems, overallProblems } from './books.ts';
import { divergence } from './doc-state.ts';
import { countsSale, dayCountedHost, keepsApart, soldAsDuplicate } from './duplicates.ts';
import type { HeldOrder } from './held-orders.ts';
import { heldOrders } from './held-orders.ts';
import { forgeryProblems } from './forgeries.ts';
import { refundProblems } from './refunds.ts';
import { lostCartProblems, transferProblems } from './transfers.ts';

export type Rule =
  | 'convergence'
  | 'paid everywhere'
  | 'books balance'
  | 'one finaliser'
  | 'lost carts marked'
  | 'refunds within sales'
  | 'closed days journaled'
  /** A record a hostile till wrote in another's name is counted. */
  | 'forgeries refused'
  /** A till showed a sale paid while it knew another till owns its code. */
  | 'duplicate sells nothing'
  /** A till counts a sale of a till that shares the code of another, which owns it. */
  | 'duplicate apart'
  /** The relay's archive differs from the tills' books (at the end of a run with a relay). */
  | 'archive holds the books'
  /** A till threw where a real process would have died (or logged a fatal write). */
  | 'till failure';

export interface Violation {
  rule: Rule;
  /** The till that shows it, or the group of tills. */
  where: string;
  detail: string;
}

type Running = { host: string; sim: SimTill; till: Till };

/** Running tills grouped by who can reach whom now. */
function components(shop: Shop, running: Running[]): Running[][] {
  const groups: Running[][] = [];
  for (const t of running) {
    const group = groups.find((g) => shop.network.reachable(g[0]!.host, t.host));
    if (group) group.push(t);
    else groups.push([t]);
  }
  return groups;
}

export function checkShop(shop: Shop, ledger: Ledger, final: boolean): Violation[] {
  const running = shop.tills.flatMap((sim) =>
    sim.till ? [{ host: sim.host, sim, till: sim.till }] : [],
  );
  const out: Violation[] = [];
  const add = (rule: Rule, where: string, details: string[]) =>
    out.push(...details.map((detail) => ({ rule, where, detail })));
  const counted = (t: Running, doc: string) => dayCountedHost(t.sim, t.till, doc, shop.tills);
  const held = new Map<string, Map<string, HeldOrder>>();
  for (const t of running) {
    const { host, till } = t;
    const orders = heldOrders(till);
    held.set(host, orders);
    const closedBy = (day: ClosedDay) => counted(t, day.doc) === day.host;
    add('books balance', host, booksProblems(till, orders, ledger, closedBy));
    add('one finaliser', host, transferProblems(till, orders, ledger, final));
    add('lost carts marked', host, lostCartProblems(till));
    add('refunds within sales', host, refundProblems(till, orders));
    add('forgeries refused', host, forgeryProblems(till, orders, ledger.forged));
  }
  add('duplicate sells nothing', 'all', soldAsDuplicate(ledger.paid.values()));
  const groups = final ? [running] : components(shop, running);
  for (const group of groups) {
    if (group.length > 1) add('convergence', group.map((t) => t.host).join('+'), divergence(group));
    const hosts = new Set(group.map((t) => t.host));
    for (const { order, how, host } of ledger.paid.values()) {
      // the seller's own disk must have it always; the others once they could reach it
      const mustHold = hosts.has(host) ? group : group.filter((t) => t.host === host);
      const seller = shop.till(host);
      for (const t of mustHold) {
        const mine = held.get(t.host)!.get(order.id)?.order;
        if (!countsSale(t.sim, t.till, host, order.till, shop.tills)) {
          if (mine) add('duplicate apart', t.host, [`${order.number} of ${host} is counted`]);
          else if (!keepsApart(t.till, order, seller.peerId))
            add('paid everywhere', t.host, [`${how} ${order.number} of ${host} is not kept`]);
        } else if (!mine)
          add('paid everywhere', t.host, [`${how} ${order.number} of ${host} is missing`]);
        else if (mine.number !== order.number || mine.totals?.total !== order.totals?.total)
          add('paid everywhere', t.host, [`${order.number} differs from what ${host} paid`]);
      }
    }
  }
  if (final) {
    add('books balance', 'all', overallProblems(running, held));
    // a day its writer closed (the code's owner or a duplicate) leaves every till's live set
    for (const u of running)
      for (const doc of u.till.ctx.docs.closedNames())
        if (isOwnDay(u.till.ctx, parseDocName(doc)))
          for (const t of running)
            if (!t.till.ctx.docs.isClosed(doc))
              add('closed days journaled', t.host, [`${doc} is closed on ${u.host} and not here`]);
  }
  return out;
}
