import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import * as Y from 'yjs';
import { encodeStep1 } from '../../../node/mesh/sync-messages.ts';
import { encodeFrame, MAX_HELLO_DOCS } from '../../../node/mesh/wire.ts';
import { newestFirst } from '../../../node/mesh/listed-docs.ts';
import { dayDocName } from '../../../crdt/documents.ts';
import type { TillCode } from '../../../crdt/ids.ts';
import type { SyncedTill } from '../../helpers/mesh.ts';
import { closeAll, link, rawLink, snapshot, syncedTill } from '../../helpers/mesh.ts';
import { cashier, manager } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const products = demoProducts();
let tills: SyncedTill[] = [];
afterEach(() => {
  closeAll(...tills);
  tills = [];
});

function sell(t: SyncedTill, n = 0) {
  const cart = t.till.sales.createCart(cashier);
  const p = products[n % products.length]!;
  t.till.sales.applyOp(cashier, cart.id, { type: 'addBarcode', barcode: p.barcodes[0]! });
  return t.till.sales.pay(cashier, cart.id, [{ method: 'cash', amount: p.price }]);
}

const converged = (...ts: SyncedTill[]) => {
  const [first, ...rest] = ts.map(snapshot);
  return rest.every((s) => JSON.stringify(s) === JSON.stringify(first));
};

describe('mesh sync over in-memory channels', () => {
  it('brings a sale on one till to the others, and catalogue edits everywhere', async () => {
    tills = [await syncedTill('A'), await syncedTill('B'), await syncedTill('C')];
    const [a, b, c] = tills as [SyncedTill, SyncedTill, SyncedTill];
    link(a, b);
    link(b, c);
    link(a, c);
    a.till.days.openDay(cashier, 0);
    const sale = sell(a);
    a.till.catalogue.upsertCategory(manager, { name: 'Seasonal' });
    await waitFor(() => c.till.sales.findOrder(sale.id)?.status === 'paid', { what: 'sale on C' });
    await waitFor(() => b.till.ctx.catalogue.allCategories().some((x) => x.name === 'Seasonal'), {
      what: 'category on B',
    });
    await waitFor(() => converged(a, b, c), { what: 'convergence' });
  });

  it('converges after a partition in which both sides sold', async () => {
    tills = [await syncedTill('A'), await syncedTill('B'), await syncedTill('C')];
    const [a, b, c] = tills as [SyncedTill, SyncedTill, SyncedTill];
    const cuts = [link(a, b), link(b, c)];
    link(a, c);
    for (const t of tills) t.till.days.openDay(cashier, 0);
    await waitFor(() => converged(a, b, c), { what: 'first convergence' });
    for (const cut of cuts) cut();
    const onA = Array.from({ length: 20 }, (_, i) => sell(a, i));
    const onC = Array.from({ length: 20 }, (_, i) => sell(c, i + 50));
    const onB = Array.from({ length: 20 }, (_, i) => sell(b, i + 100));
    await waitFor(() => converged(a, c), { what: 'A and C' });
    expect(converged(a, b)).toBe(false);
    link(a, b);
    link(b, c);
    await waitFor(() => converged(a, b, c), { what: 'convergence after the partition' });
    for (const order of [...onA, ...onB, ...onC])
      expect(b.till.sales.findOrder(order.id)?.number).toBe(order.number);
  });

  it("journals a peer's day once it is closed and complete, and refunds its orders from there", async () => {
    tills = [await syncedTill('A'), await syncedTill('B')];
    const [a, b] = tills as [SyncedTill, SyncedTill];
    link(a, b);
    a.till.days.openDay(cashier, 0);
    b.till.days.openDay(cashier, 0);
    const sale = sell(a);
    const dayName = a.till.days.current()!.name;
    await waitFor(() => b.till.ctx.docs.get(dayName), { what: "A's day on B" });
    a.till.days.closeDay(manager, { cash: sale.totals!.total }, { carryOver: true });
    await waitFor(() => !b.till.ctx.docs.get(dayName), { what: "B retiring A's closed day" });
    expect(b.till.ctx.journal.order(sale.id)?.number).toBe(sale.number);
    const refund = await b.till.refunds.refund(
      manager,
      sale.number!,
      [{ lineId: sale.lines[0]!.id, qty: 1 }],
      [{ method: 'cash', amount: -sale.totals!.total }],
    );
    expect(refund.refundOf?.id).toBe(sale.id);
  });

  it('closes a session that sends garbage, and the documents stay as they were', async () => {
    tills = [await syncedTill('A')];
    const [a] = tills as [SyncedTill];
    const before = JSON.stringify(snapshot(a));
    const closedWith: string[] = [];
    const { toA } = rawLink(a, 'evil-peer');
    toA.onClose((reason) => closedWith.push(reason));
    toA.send(new Uint8Array([1, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]));
    await waitFor(() => closedWith.length > 0, { what: 'session closed' });
    expect(closedWith[0]).toMatch(/malformed frame/);
    expect(JSON.stringify(snapshot(a))).toBe(before);

    const second = rawLink(a, 'evil-peer-2');
    const reasons: string[] = [];
    second.toA.onClose((r) => reasons.push(r));
    // a well-formed frame carrying an undecodable Yjs update for the catalogue
    second.toA.send(
      encodeFrame({
        type: 'sync',
        doc: 'catalogue',
        message: new Uint8Array([2, 5, 1, 2, 3, 4, 5]),
      }),
    );
    await waitFor(() => reasons.length > 0, { what: 'second session closed' });
    expect(reasons[0]).toMatch(/could not be processed/);
    expect(JSON.stringify(snapshot(a))).toBe(before);
    expect(a.sync.connectedPeers()).toEqual([]);
  });

  it('brings a closed day to a till that was away when it closed', async () => {
    tills = [await syncedTill('A'), await syncedTill('B')];
    const [a, b] = tills as [SyncedTill, SyncedTill];
    a.till.days.openDay(cashier, 0);
    const sale = sell(a);
    const day = a.till.days.current()!.name;
    a.till.days.closeDay(manager, { cash: sale.totals!.total }, { carryOver: true });
    link(a, b);
    await waitFor(() => b.till.ctx.journal.order(sale.id), {
      what: "the closed day's sale in B's journal",
    });
    expect(b.till.ctx.docs.get(day)).toBeUndefined();
    expect(b.till.ctx.docs.isClosed(day)).toBe(true);
  });

  it('creates no document for a request about one it does not hold', async () => {
    tills = [await syncedTill('A')];
    const [a] = tills as [SyncedTill];
    const { toA } = rawLink(a, 'curious-peer');
    const name = 'orders/ZZ/20200101';
    toA.send(encodeFrame({ type: 'sync', doc: name, message: encodeStep1(new Y.Doc()) }));
    await new Promise((r) => setTimeout(r, 50));
    expect(a.till.ctx.docs.get(name)).toBeUndefined();
    expect(a.till.ctx.store.listDocs().map((d) => d.name)).not.toContain(name);
  });

  it('announces the newest days first when a hub holds more than a hello carries', async () => {
    // a relay keeps every day live: with more than a hello lists, the oldest are left out, not the newest
    const [hub, back] = [await syncedTill('H'), await syncedTill('R')];
    tills.push(hub, back);
    const day = (n: number) =>
      dayDocName({
        till: 'Z9' as TillCode,
        businessDate: `2025${String(1 + Math.floor(n / 28)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`,
        session: 1,
      });
    const newest = dayDocName({ till: 'Z9' as TillCode, businessDate: '20261202', session: 2 });
    hub.till.ctx.docs.transact(() => {
      for (let n = 0; n < MAX_HELLO_DOCS + 50; n++)
        hub.till.ctx.docs.open(day(n)).getMap('meta').set('n', n);
      hub.till.ctx.docs.open(newest).getMap('meta').set('n', -1);
    });
    expect(newestFirst([day(3), 'settings', newest, day(7)])).toEqual([
      'settings',
      newest,
      day(7),
      day(3),
    ]);
    link(hub, back);
    await waitFor(() => back.till.ctx.docs.get(newest)?.getMap('meta').get('n') === -1, {
      what: 'the newest day on the till that came back',
    });
  });
});
