/**
 * A transfer is finalised at most once: every `paid` in its log is the one
 * that holds it or a recorded conflict. A paid order that carries a transfer
 * reference has its `paid` in that log (same commit), and (once the shop has healed) no step a till acknowledged is
 * missing and the sender has confirmed the claim that holds.
 */
import type { TransferState } from '../../crdt/transfers.ts';
import { claimedBy, sentBy } from '../../crdt/transfers.ts';
import type { Till } from '../../node/till/till.ts';
import type { HeldOrder } from './held-orders.ts';
import type { Ledger } from './ledger.ts';

function finalisers(state: TransferState): string[] {
  const paid = state.history.filter((e) => e.type === 'paid').length;
  const accounted = (state.done ? 1 : 0) + state.conflicts.length;
  if (paid === accounted && (paid <= 1 || state.status === 'conflict')) return [];
  return [
    `${state.id}: ${paid} payments, ${state.done ? 'one' : 'no'} finaliser, ${state.conflicts.length} conflicts (${state.status})`,
  ];
}

/** A claim this till lost leaves its cart here, marked so nobody sells it (README, "Lost, not emptied"). */
export function lostCartProblems(till: Till): string[] {
  return till.sales.openCarts().flatMap((cart) => {
    const state = cart.transferRef
      ? till.transfers.all().find((s) => s.id === cart.transferRef)
      : undefined;
    return state?.losers.some((c) => claimedBy(c, till.transfers.self())) && !cart.transferLost
      ? [`open cart ${cart.id} lost its claim of ${state.id} and is not marked lost`]
      : [];
  });
}

export function transferProblems(
  till: Till,
  held: Map<string, HeldOrder>,
  ledger: Ledger,
  final: boolean,
): string[] {
  const states = new Map(till.transfers.all().map((s) => [s.id as string, s]));
  const problems = [...states.values()].flatMap(finalisers);
  for (const { order } of held.values()) {
    // one commit on the payer, two documents on the wire: a link may fail between them,
    // so another till must hold both only once the shop has healed
    if (!order.transferRef || (!final && order.till !== till.code)) continue;
    const state = states.get(order.transferRef);
    if (!state?.history.some((e) => e.type === 'paid' && e.orderId === order.id))
      problems.push(
        `${order.number} carries ${order.transferRef} but its log has no payment for it`,
      );
  }
  if (!final) return problems;
  for (const id of ledger.sentTransfers)
    if (!states.has(id)) problems.push(`transfer ${id} was sent and is missing`);
  for (const [id, steps] of ledger.transferSteps) {
    const state = states.get(id);
    for (const [key, acknowledged] of steps) {
      const [step, from] = key.split(':');
      // only the sender cancels: its event names no till
      const logged = state?.history.filter(
        (e) => e.type === step && (e.type === 'cancelled' || ('till' in e && e.till === from)),
      );
      if ((logged?.length ?? 0) < acknowledged)
        problems.push(
          `${id}: ${acknowledged} ${step} by ${from} acknowledged, ${logged?.length ?? 0} in the log`,
        );
    }
  }
  for (const state of states.values())
    if (
      state.winner &&
      !state.cancelled &&
      !state.winner.confirmedAt &&
      sentBy(state, till.transfers.self())
    )
      problems.push(
        `${state.id}: the claim of ${state.winner.till} holds and its sender never confirmed it`,
      );
  return problems;
}
