/** Cart transfers as cashiers use them: sent assigned or broadcast, claimed, released, cancelled. */
import type { TillCode } from '../../crdt/ids.ts';
import { activeClaim } from '../../crdt/transfer-rules.ts';
import { sentBy } from '../../crdt/transfers.ts';
import type { WorkContext } from './context.ts';
import { cashier, ensureOpenDay } from './context.ts';
import { fillCart, pay } from './sales.ts';

const short = (id: string) => id.slice(0, 12);

export function send(w: WorkContext): string {
  const { random } = w;
  const cart = fillCart(w);
  const others = w.others as TillCode[];
  const assigned = random.chance(0.4) && others.length > 0;
  const targets = assigned
    ? [random.pick(others)!]
    : random.chance(0.5) || others.length < 2
      ? null
      : others.filter(() => random.chance(0.6));
  const sent = w.seen(
    w.till.transfers.send(cashier, cart.id, {
      mode: assigned ? 'assigned' : 'broadcast',
      targets: targets?.length === 0 ? null : targets,
    }),
  );
  w.ledger.sentTransfers.add(sent.id);
  return `sent ${short(sent.id)} ${sent.mode} to ${sent.targets?.join(',') ?? 'every receiver'}`;
}

export function claim(w: WorkContext): string {
  ensureOpenDay(w);
  const offer = w.random.pick(w.till.transfers.offered());
  if (!offer) return 'nothing offered';
  w.seen(w.till.transfers.claim(cashier, offer.id));
  w.ledger.recordStep(offer.id, 'claimed', w.till.code);
  return `claimed ${short(offer.id)}`;
}

/** A cashier takes an offered cart and the customer pays at once: where two claims both pay, a conflict. */
export function claimAndPay(w: WorkContext): string {
  ensureOpenDay(w);
  const offer = w.random.pick(w.till.transfers.offered());
  if (!offer) return 'nothing offered';
  const cart = w.seen(w.till.transfers.claim(cashier, offer.id));
  w.ledger.recordStep(offer.id, 'claimed', w.till.code);
  return `claimed ${short(offer.id)}, ${pay(w, cart)}`;
}

export function release(w: WorkContext): string {
  const code = w.till.code;
  const self = w.till.transfers.self();
  const held = w.random.pick(w.till.transfers.all().filter((s) => activeClaim(s, self)));
  if (!held) return 'no claim held';
  w.seen(w.till.transfers.release(cashier, held.id));
  w.ledger.recordStep(held.id, 'released', code);
  return `released ${short(held.id)}`;
}

export function cancel(w: WorkContext): string {
  const own = w.random.pick(
    w.till.transfers
      .all()
      .filter((s) => sentBy(s, w.till.transfers.self()) && s.status === 'pending'),
  );
  if (!own) return 'nothing to cancel';
  w.seen(w.till.transfers.cancel(cashier, own.id));
  w.ledger.recordStep(own.id, 'cancelled', w.till.code);
  return `cancelled ${short(own.id)}`;
}
