/**
 * Every invariant at once, over the tills that are running. At a checkpoint
 * (after a quiet window) tills that can reach each other must hold identical
 * documents and every paid order of a till among them; at the end of a run,
 * with everything healed and restarted, all of them must. Books, transfers and
 * refunds must hold on every till at every check.
 */
import type { Ledger } from './ledger.ts';
import type { Shop } from '../world/shop.ts';
import type { SimTill } from '../world/sim-till.ts';
import type { Till } from '../../node/till/till.ts';
import { booksProblems, overallProblems } from './books.ts';
import { divergence } from './doc-state.ts';
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

type Running = { code: string; till: Till };

/** Running tills grouped by who can reach whom now. */
function components(shop: Shop, running: Running[]): Running[][] {
  const groups: Running[][] = [];
  for (const t of running) {
    const group = groups.find((g) => shop.network.reachable(g[0]!.code, t.code));
    if (group) group.push(t);
    else groups.push([t]);
  }
  return groups;
}

export function checkShop(shop: Shop, ledger: Ledger, final: boolean): Violation[] {
  const running = shop.tills.flatMap((t: SimTill) =>
    t.till ? [{ code: t.code, till: t.till }] : [],
  );
  const out: Violation[] = [];
  const add = (rule: Rule, where: string, details: string[]) =>
    out.push(...details.map((detail) => ({ rule, where, detail })));
  const held = new Map<string, Map<string, HeldOrder>>();
  for (const { code, till } of running) {
    const orders = heldOrders(till);
    held.set(code, orders);
    add('books balance', code, booksProblems(till, orders, ledger));
    add('one finaliser', code, transferProblems(till, orders, ledger, final));
    add('lost carts marked', code, lostCartProblems(till));
    add('refunds within sales', code, refundProblems(till, orders));
    add('forgeries refused', code, forgeryProblems(till, orders, ledger.forged));
  }
  const groups = final ? [running] : components(shop, running);
  for (const group of groups) {
    if (group.length > 1) add('convergence', group.map((t) => t.code).join('+'), divergence(group));
    const codes = new Set(group.map((t) => t.code));
    for (const { order, how } of ledger.paid.values()) {
      // the seller's own disk must have it always; the others once they could reach it
      const mustHold = codes.has(order.till) ? group : group.filter((t) => t.code === order.till);
      for (const t of mustHold) {
        const mine = held.get(t.code)!.get(order.id)?.order;
        if (!mine)
          add('paid everywhere', t.code, [`${how} ${order.number} of ${order.till} is missing`]);
        else if (mine.number !== order.number || mine.totals?.total !== order.totals?.total)
          add('paid everywhere', t.code, [`${order.number} differs from what ${order.till} paid`]);
      }
    }
  }
  if (final) {
    add('books balance', 'all', overallProblems(held));
    const closed = new Set(running.flatMap((t) => t.till.ctx.docs.closedNames()));
    for (const { code, till } of running)
      for (const doc of closed)
        if (!till.ctx.docs.isClosed(doc))
          add('closed days journaled', code, [`${doc} is closed elsewhere and not here`]);
  }
  return out;
}
