/**
 * Two tills under one code. The till code is bound to a key in the mesh's
 * registry: the earliest claim owns it on every till, the other sells nothing
 * more under it and keeps what it sold; neither's books take the other's sales.
 */
import type * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { TRANSFERS, TRANSFERS_DOC } from '../../../crdt/documents.ts';
import { dayView } from '../../../node/till/context.ts';
import { errorCode } from '../../helpers/domain.ts';
import type { SyncedTill } from '../../helpers/mesh.ts';
import { link, restart, syncedTill } from '../../helpers/mesh.ts';
import { cashier, manager } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const tills: SyncedTill[] = [];
afterEach(() => {
  for (const t of tills.splice(0)) {
    t.sync.stop();
    t.cleanup();
  }
});

async function till(name: string, code = 'T1'): Promise<SyncedTill> {
  const t = await syncedTill(code, { till: { code, name } });
  tills.push(t);
  return t;
}

function sell(t: SyncedTill, n: number): string[] {
  const { sales } = t.till;
  return Array.from({ length: n }, () => {
    const cart = sales.createCart(cashier);
    const product = t.till.catalogue.search('', 1)[0]!;
    sales.applyOp(cashier, cart.id, { type: 'addProduct', productId: product.id });
    return sales.pay(cashier, cart.id, [{ method: 'card', amount: product.price }]).number!;
  });
}

describe('a till code claimed by two tills', () => {
  it('has one owner everywhere; the other refuses to sell, keeps what it sold, and neither books the other', async () => {
    const first = await till('Front');
    const second = await till('Back'); // claims T1 a moment later
    for (const t of [first, second]) t.till.days.openDay(manager, 0);
    const firstNumbers = sell(first, 4);
    const secondNumbers = sell(second, 1);
    expect(secondNumbers[0]).toBe(firstNumbers[0]); // the collision this is about: T1-<date>-0001 twice
    link(first, second);
    await waitFor(() => second.till.registration.status().ownsCode === false, {
      what: 'the second till learns it does not own T1',
    });
    // the same answer on both tills, and the manager sees it on either
    for (const t of [first, second])
      expect(t.till.registration.status().duplicates).toMatchObject([
        { code: 'T1', owner: { name: 'Front' }, others: [{ name: 'Back' }] },
      ]);
    expect(first.till.registration.status().ownsCode).toBe(true);
    expect(errorCode(() => second.till.sales.createCart(cashier))).toBe('DUPLICATE_TILL_CODE');
    expect(second.logs.some((l) => l.includes('till code taken'))).toBe(true);
    // the owner goes on numbering as before; its books hold its own sales only
    expect(sell(first, 1)[0]).toMatch(/-0005$/);
    expect(first.till.days.xReport().sales.count).toBe(5);
    // what the duplicate sold is kept on it, in a day document of its own (named with its
    // key's tag), and shown apart (never counted) on the owner
    expect(second.till.days.xReport().sales.count).toBe(1);
    const theirs = second.till.days.current()!.name;
    expect(theirs).not.toBe(first.till.days.current()!.name);
    const copy = () => first.till.ctx.docs.get(theirs);
    await waitFor(() => copy()?.getMap('orders').size === 1, {
      what: "the duplicate's day on the owner",
    });
    const apart = dayView(first.till.ctx, copy()!, theirs);
    expect(apart.orders()).toEqual([]);
    expect(apart.duplicates().filter((d) => d.map === 'orders')).toHaveLength(1);
    // after a restart the owner still has its own day, carts and numbers, and can close it
    await restart(first);
    expect(first.till.days.xReport().sales.count).toBe(5);
    const closed = first.till.days.closeDay(manager, { cash: 0 }, { carryOver: true });
    expect(closed.report.sales.count).toBe(5);
    expect(first.till.ctx.journal.counts().orders).toBe(5);
  });

  it('journals a day the duplicate closed apart, under its key, counted by no till but itself', async () => {
    const owner = await till('Front');
    const duplicate = await till('Back');
    const other = await till('Side', 'T2');
    link(owner, other);
    for (const t of [owner, duplicate]) t.till.days.openDay(manager, 0);
    sell(owner, 2);
    const numbers = sell(duplicate, 3);
    const theirs = duplicate.till.days.current()!.name;
    const closed = duplicate.till.days.closeDay(manager, { cash: 0 }, { carryOver: true });
    expect(closed.report.sales.count).toBe(3);
    link(duplicate, other);
    link(duplicate, owner);
    for (const t of [owner, other])
      await waitFor(() => t.till.ctx.docs.isClosed(theirs), {
        what: `the duplicate's closed day journaled on ${t.till.code}`,
      });
    for (const t of [owner, other]) {
      expect(t.till.ctx.docs.get(theirs)).toBeUndefined();
      // in the journal under the duplicate's key, and found by number only as the owner's
      const journaled = numbers.flatMap((n) => t.till.ctx.journal.ordersByNumber(n));
      expect(journaled.filter((o) => o.signer === duplicate.peerId)).toHaveLength(3);
      for (const n of numbers.slice(0, 2))
        expect(t.till.sales.findOrder(n)?.signer).toBe(owner.peerId);
      expect(t.till.sales.findOrder(numbers[2]!)).toBeUndefined();
    }
    expect(owner.till.days.xReport().sales.count).toBe(2);
  });

  it("leaves the owner's transfers to the owner: the duplicate confirms no claim of them", async () => {
    const owner = await till('Front');
    const duplicate = await till('Back');
    const receiver = await till('Side', 'T2');
    link(owner, duplicate);
    link(owner, receiver);
    link(duplicate, receiver);
    await waitFor(() => duplicate.till.registration.status().ownsCode === false, {
      what: 'the duplicate learns it does not own T1',
    });
    owner.till.days.openDay(cashier, 0);
    receiver.till.days.openDay(cashier, 0);
    const cart = owner.till.sales.createCart(cashier);
    const product = owner.till.catalogue.search('', 1)[0]!;
    owner.till.sales.applyOp(cashier, cart.id, { type: 'addProduct', productId: product.id });
    const sent = owner.till.transfers.send(cashier, cart.id, { mode: 'broadcast', targets: null });
    await waitFor(() => receiver.till.transfers.offered().length === 1, {
      what: 'the offer on T2',
    });
    receiver.till.transfers.claim(cashier, sent.id);
    const confirmed = (t: SyncedTill) => t.till.transfers.get(sent.id).winner?.confirmedAt;
    await waitFor(() => confirmed(receiver) && confirmed(duplicate), {
      what: "the owner's confirmation on T2 and on the duplicate",
    });
    const events = (t: SyncedTill) =>
      (
        t.till.ctx.docs.get(TRANSFERS_DOC)!.getMap(TRANSFERS.transfers).get(sent.id) as Y.Array<{
          signer: string;
        }>
      ).toArray();
    await waitFor(() => events(duplicate).length === events(owner).length, {
      what: 'the same log on the duplicate and the owner',
    });
    expect(events(owner).filter((e) => e.signer === duplicate.peerId)).toEqual([]);
    expect(duplicate.logs.some((l) => l.includes('confirmation did not take'))).toBe(false);
  });
});
