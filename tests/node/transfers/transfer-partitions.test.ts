/**
 * Transfers across partitions, over the real sync engine (in-memory links that
 * the test cuts and heals): one winner on every till, the loser told, a double
 * payment recorded as a conflict with both orders kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { TransferState } from '../../../crdt/transfers.ts';
import type { SyncedTill } from '../../helpers/mesh.ts';
import { closeAll, link, snapshot, syncedTill } from '../../helpers/mesh.ts';
import { cashier, manager } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const products = demoProducts();
let tills: SyncedTill[] = [];
afterEach(() => {
  closeAll(...tills);
  tills = [];
});

const converged = (...ts: SyncedTill[]) =>
  ts.every((t) => JSON.stringify(snapshot(t)) === JSON.stringify(snapshot(ts[0]!)));

async function threeTills() {
  tills = [await syncedTill('A'), await syncedTill('B'), await syncedTill('C')];
  const [a, b, c] = tills as [SyncedTill, SyncedTill, SyncedTill];
  const links = { ab: link(a, b), bc: link(b, c), ac: link(a, c) };
  for (const t of tills) t.till.days.openDay(cashier, 0);
  // every till knows the others (and their roles) before any cart moves
  await waitFor(() => converged(a, b, c), { what: 'initial convergence' });
  return { a, b, c, links };
}

const stateOn = (t: SyncedTill, id: string): TransferState => t.till.transfers.get(id);
const tick = () => new Promise((r) => setTimeout(r, 5));

/**
 * C claims first while cut off from the sender; B claims after and is confirmed
 * at once; the links come back and C learns it lost (its cart is marked).
 */
async function cWinsLate() {
  const { a, b, c, links } = await threeTills();
  const sent = sendCart(a);
  await waitFor(() => c.till.transfers.offered().length === 1, { what: 'offer on C' });
  links.ac();
  links.bc();
  const onC = c.till.transfers.claim(cashier, sent.id);
  await tick();
  b.till.transfers.claim(cashier, sent.id);
  await waitFor(() => stateOn(a, sent.id).winner?.confirmedAt, { what: "A confirms B's claim" });
  expect(stateOn(a, sent.id).winner?.till).toBe('B');
  link(a, c);
  link(b, c);
  await waitFor(() => c.till.sales.ownOrder(onC.id).order.transferLost, {
    what: "C's cart marked lost",
  });
  return { a, b, c, sent, onC };
}

function sendCart(
  t: SyncedTill,
  targets: string[] | null = null,
  mode: 'assigned' | 'broadcast' = 'broadcast',
) {
  const cart = t.till.sales.createCart(cashier);
  t.till.sales.applyOp(cashier, cart.id, {
    type: 'addBarcode',
    barcode: products[3]!.barcodes[0]!,
    qty: 2,
  });
  return t.till.transfers.send(cashier, cart.id, { mode, targets: targets as never });
}

function payClaimed(t: SyncedTill, cartId: string) {
  const order = t.till.sales.ownOrder(cartId as never).order;
  return t.till.sales.pay(cashier, order.id, [
    { method: 'cash', amount: order.lines.reduce((s, l) => s + l.unitPrice * l.qty, 0) },
  ]);
}

describe('transfers across partitions', () => {
  it('two claims while everyone is cut off: the same winner everywhere, the loser told, both payments kept as a conflict', async () => {
    const { a, b, c, links } = await threeTills();
    const sent = sendCart(a);
    await waitFor(
      () => [b, c].every((t) => t.till.transfers.offered().some((x) => x.id === sent.id)),
      { what: 'offer on B and C' },
    );
    Object.values(links).forEach((cut) => cut());
    const onB = b.till.transfers.claim(cashier, sent.id);
    await tick();
    const onC = c.till.transfers.claim(cashier, sent.id);
    expect(stateOn(b, sent.id).status).toBe('provisional');
    const paidB = payClaimed(b, onB.id);
    const paidC = payClaimed(c, onC.id);
    link(a, b);
    link(b, c);
    link(a, c);
    await waitFor(() => converged(a, b, c), { what: 'convergence' });
    const states = [a, b, c].map((t) => stateOn(t, sent.id));
    for (const s of states) {
      expect(s.winner?.till).toBe('B');
      expect(s.status).toBe('conflict');
      expect(s.done).toMatchObject({ till: 'B', orderNumber: paidB.number });
      expect(s.conflicts).toEqual([
        {
          till: 'C',
          signer: c.till.ctx.signer.peerId,
          orderNumber: paidC.number,
          reason: 'lost claim',
        },
      ]);
    }
    expect(c.till.transfers.notices.since(0).map((n) => n.kind)).toEqual(
      expect.arrayContaining(['claim-lost', 'conflict']),
    );
    for (const t of [a, b, c]) {
      expect(t.till.sales.findOrder(paidB.id)?.status).toBe('paid');
      expect(t.till.sales.findOrder(paidC.id)?.status).toBe('paid');
    }
  });

  it("with the sender on one side, that side's claim is confirmed at once and beats an earlier provisional claim", async () => {
    const { a, b, c, links } = await threeTills();
    const sent = sendCart(a);
    await waitFor(() => c.till.transfers.offered().some((x) => x.id === sent.id), {
      what: 'offer on C',
    });
    links.ac();
    links.bc();
    const onC = c.till.transfers.claim(cashier, sent.id);
    await tick();
    b.till.transfers.claim(cashier, sent.id);
    await waitFor(() => stateOn(b, sent.id).status === 'confirmed', {
      what: "A confirming B's claim",
    });
    expect(stateOn(c, sent.id).status).toBe('provisional');
    link(a, c);
    link(b, c);
    await waitFor(() => converged(a, b, c), { what: 'convergence' });
    for (const t of [a, b, c])
      expect(stateOn(t, sent.id)).toMatchObject({ status: 'confirmed', winner: { till: 'B' } });
    await waitFor(() => c.till.sales.ownOrder(onC.id).order.transferLost, {
      what: "C's cart marked lost",
    });
    expect(c.till.sales.ownOrder(onC.id).order).toMatchObject({
      status: 'open',
      transferLost: { winner: 'B' },
    });
    expect(c.till.transfers.notices.since(0).map((n) => n.kind)).toContain('claim-lost');
    expect(() => payClaimed(c, onC.id)).toThrow(/held by B: void this cart/);
  });

  it('takes a claimed broadcast off the other lists, and a release puts it back', async () => {
    const { a, b, c } = await threeTills();
    const sent = sendCart(a, ['B', 'C']);
    expect(a.till.sales.openCarts()).toEqual([]);
    await waitFor(() => c.till.transfers.offered().length === 1, { what: 'offer on C' });
    const cart = b.till.transfers.claim(cashier, sent.id);
    await waitFor(() => c.till.transfers.offered().length === 0, { what: 'offer gone from C' });
    expect(() => c.till.transfers.claim(cashier, sent.id)).toThrow(/claimed by B/);
    b.till.transfers.release(cashier, sent.id);
    expect(b.till.sales.openCarts().map((o) => o.id)).not.toContain(cart.id);
    await waitFor(() => c.till.transfers.offered().length === 1, { what: 'offer back on C' });
    const again = c.till.transfers.claim(cashier, sent.id);
    await waitFor(
      () => stateOn(a, sent.id).winner?.till === 'C' && stateOn(c, sent.id).status === 'confirmed',
      { what: 'C confirmed' },
    );
    const paid = payClaimed(c, again.id);
    await waitFor(() => [a, b].every((t) => stateOn(t, sent.id).status === 'done'), {
      what: 'done everywhere',
    });
    expect(stateOn(a, sent.id).done).toMatchObject({ till: 'C', orderNumber: paid.number });
    expect(stateOn(a, sent.id).history.map((e) => e.type)).toEqual([
      'sent',
      'claimed',
      'confirmed',
      'released',
      'claimed',
      'confirmed',
      'paid',
    ]);
    expect(paid.transferRef).toBe(sent.id);
  });

  it('offers nothing to a till that is not a receiver', async () => {
    const { a, c } = await threeTills();
    c.till.setTillRoles(manager, 'C', { sender: true, receiver: false });
    await waitFor(
      () => a.till.settings().tills.find((t) => t.code === 'C')?.roles.receiver === false,
      { what: 'roles on A' },
    );
    sendCart(a);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.till.transfers.offered()).toEqual([]);
    expect(c.till.transfers.all()).toHaveLength(1);
  });

  it('lets the sender cancel an unclaimed transfer and get the cart back', async () => {
    const { a, b } = await threeTills();
    const sent = sendCart(a, ['B'], 'assigned');
    const back = a.till.transfers.cancel(cashier, sent.id);
    expect(back.lines).toHaveLength(1);
    expect(a.till.sales.openCarts().map((o) => o.id)).toEqual([back.id]);
    await waitFor(
      () => b.till.transfers.all().find((x) => x.id === sent.id)?.status === 'cancelled',
      { what: 'cancel on B' },
    );
    expect(() => b.till.transfers.claim(cashier, sent.id)).toThrow(/cancelled/);
  });

  it('a lost cart that is voided gives its claim back; when the winner releases, the transfer is free again', async () => {
    const { a, b, c, sent, onC } = await cWinsLate();
    c.till.sales.voidCart(cashier, onC.id);
    await waitFor(() => stateOn(a, sent.id).claims.every((x) => x.till !== 'C' || x.releasedAt), {
      what: "C's claim released",
    });
    b.till.transfers.release(cashier, sent.id);
    await waitFor(
      () => stateOn(a, sent.id).status === 'pending' && c.till.transfers.offered().length === 1,
      {
        what: 'free again and offered',
      },
    );
  });

  it('a loser whose rival gives the transfer back holds it again and may sell it; a paid claim cannot be released', async () => {
    const { a, b, c, sent, onC } = await cWinsLate();
    b.till.transfers.release(cashier, sent.id);
    await waitFor(
      () =>
        stateOn(c, sent.id).winner?.till === 'C' &&
        !c.till.sales.ownOrder(onC.id).order.transferLost,
      {
        what: "C's cart unmarked",
      },
    );
    const paid = payClaimed(c, onC.id);
    expect(paid.transferRef).toBe(sent.id);
    expect(() => c.till.transfers.release(cashier, sent.id)).toThrow(/cannot be released/);
    await waitFor(() => stateOn(a, sent.id).status === 'done', { what: 'done on A' });
  });
});
