/**
 * Bugs planted on purpose, to prove the simulation catches and shrinks a
 * broken invariant: a sabotage is told of every order a cashier saw paid.
 */
import { DayWriter } from '../crdt/day.ts';
import type { Order } from '../crdt/schema.ts';
import { commit } from '../node/till/context.ts';
import type { Till } from '../node/till/till.ts';

export type Sabotage = (till: Till, paid: Order) => void;

/** The seller deletes a card sale from its day document right after the receipt: a lost sale. */
export const dropCardSale: Sabotage = (till, paid) => {
  if (paid.kind !== 'sale' || !paid.payments.some((p) => p.method === 'card')) return;
  const day = till.days.current();
  if (!day) return;
  commit(till.ctx, day.doc, () =>
    new DayWriter(day.doc, day.name, till.ctx.signer).deleteOrder(paid.id),
  );
};

export const SABOTAGES: Record<string, Sabotage> = { 'drop-card-sale': dropCardSale };
