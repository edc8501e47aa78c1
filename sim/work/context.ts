/**
 * What a piece of shop work gets: the till it runs on, its own random
 * choices, the ledger, and how to tell whether the till was still alive when
 * a call returned (only then did the cashier see the result).
 */
import { DomainError } from '../../crdt/errors.ts';
import type { Order } from '../../crdt/schema.ts';
import type { Actor } from '../../node/auth/sessions.ts';
import { DEMO_STAFF } from '../../node/demo/demo-catalogue.ts';
import type { Till } from '../../node/till/till.ts';
import type { Random } from '../env/random.ts';
import type { Ledger } from '../check/ledger.ts';
import type { SimTill } from '../world/sim-till.ts';
import type { Sabotage } from '../sabotage.ts';

const actor = (role: 'manager' | 'cashier'): Actor => {
  const staff = DEMO_STAFF.find((s) => s.role === role)!;
  return { id: staff.id, name: staff.name, role: staff.role };
};
export const manager = actor('manager');
export const cashier = actor('cashier');

/** The till died under the call that just returned: the cashier saw nothing. */
export class TillCrashed extends Error {
  override readonly name = 'TillCrashed';
}

export interface WorkContext {
  sim: SimTill;
  till: Till;
  random: Random;
  ledger: Ledger;
  /** Other tills' codes, for transfers. */
  others: string[];
  /** Throws TillCrashed if the till died under the call that returned `value`. */
  seen<T>(value: T): T;
  /** Reports the outcome of work that finishes later (a refund waiting for its seller). */
  later(text: string): void;
  /** Something that is not a refusal went wrong in work that finishes later. */
  fail(error: unknown): void;
  /** A planted bug told of every order a cashier saw paid (sim/sabotage.ts). */
  sabotage?: Sabotage;
}

/**
 * The books of a paid order: acknowledged if the till lived to show it. If it
 * died and `inThisCall` (the crash struck inside the call that paid, after a
 * commit — that call's only one), the order is on its disk all the same.
 */
export function recordPaid(
  w: WorkContext,
  order: Order,
  incarnation: number,
  inThisCall: boolean,
): void {
  const ownedCode = w.till.registration.status().ownsCode;
  if (w.sim.incarnation === incarnation && w.sim.till === w.till) {
    w.ledger.recordPaid({ order, how: 'acknowledged', host: w.sim.host, ownedCode });
    return w.sabotage?.(w.till, order);
  }
  const crash = w.sim.lastCrash;
  if (inThisCall && crash?.incarnation === incarnation && crash.phase === 'afterCommit')
    w.ledger.recordPaid({ order, how: 'committed', host: w.sim.host, ownedCode });
}

/** A cashier opens the register when there is none open (the till refuses while it lacks settings). */
export function ensureOpenDay(w: WorkContext): void {
  if (w.till.days.current()) return;
  const float = w.random.between(50, 300) * 100;
  w.seen(w.till.days.openDay(cashier, float));
}

/** A refusal the product gave in words (a DomainError), as the trace shows it. */
export function refusal(error: unknown): string | undefined {
  return error instanceof DomainError ? `refused ${error.code}` : undefined;
}
