/**
 * Refunds refereed by the selling till. Live tills on loopback: the same full
 * refund sent on the seller and on another till at the same moment is granted
 * once; with the seller away a refund says so, and a manager may refund
 * provisionally within the limit. In-process tills: provisional refunds made
 * apart that pass the sale become a conflict every till shows.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../../helpers/daemon.ts';
import type { SyncedTill } from '../../helpers/mesh.ts';
import { link, syncedTill } from '../../helpers/mesh.ts';
import { freePort } from '../../helpers/net.ts';
import { cashier, manager, tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const product = demoProducts()[2]!; // 1.39: two of them, 2.78

describe('refunds across live tills', () => {
  const root = tempDir();
  const daemons: Partial<Record<'T1' | 'T2', Daemon>> = {};
  const api: Partial<Record<'T1' | 'T2', ApiClient>> = {};
  const configs: Partial<Record<'T1' | 'T2', string>> = {};

  const start = async (code: 'T1' | 'T2') => {
    daemons[code] = await startDaemon(configs[code]!);
    api[code] = await new ApiClient(daemons[code].url).login('demo-alice', '1234');
  };

  beforeAll(async () => {
    const ports = { T1: await freePort(), T2: await freePort() };
    const secretFile = join(root.path, 'shared.secret');
    for (const code of ['T1', 'T2'] as const) {
      const other = code === 'T1' ? 'T2' : 'T1';
      configs[code] = writeTillConfig(join(root.path, code), {
        till: { code, name: `Till ${code}` },
        mesh: {
          listen: [`/ip4/127.0.0.1/tcp/${ports[code]}`],
          mdns: false,
          secretFile,
          peers: [`/ip4/127.0.0.1/tcp/${ports[other]}`],
        },
      });
    }
    await start('T1'); // the founder: T2 joins its mesh
    await start('T2');
    await api.T1!.call('POST', '/api/day/open', { float: 0 });
    await waitFor(
      async () => (await api.T2!.raw('POST', '/api/day/open', { float: 0 })).status === 200,
      {
        what: 'T2 opening its day once it has the mesh settings',
        timeoutMs: 30_000,
        intervalMs: 250,
      },
    );
  }, 90_000);

  afterAll(async () => {
    for (const d of Object.values(daemons)) await d?.stop();
    root.remove();
  });

  async function sale() {
    const cart = await api.T1!.call('POST', '/api/carts');
    await api.T1!.call('POST', `/api/carts/${cart.id}/lines`, {
      barcode: product.barcodes[0],
      qty: 2,
    });
    const order = await api.T1!.call('POST', `/api/carts/${cart.id}/pay`, {
      payments: [{ method: 'cash', amount: 2 * product.price }],
    });
    await waitFor(
      async () => (await api.T2!.raw('GET', `/api/orders/${order.number}`)).status === 200,
      {
        what: 'T2 holding the sale',
      },
    );
    return order;
  }

  const fullRefund = (order: any) => ({
    lines: [{ lineId: order.lines[0].id, qty: 2 }],
    payments: [{ method: 'cash', amount: -order.totals.total }],
  });

  it('grants the same full refund sent on two tills at once exactly once (5 of 5 trials)', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const order = await sale();
      const answers = await Promise.all(
        (['T1', 'T2'] as const).map((code) =>
          api[code]!.raw('POST', `/api/orders/${order.number}/refund`, fullRefund(order)),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('REFUND_REFUSED');
      const seen = await api.T1!.call('GET', `/api/orders/${order.number}`);
      await waitFor(
        async () => (await api.T1!.call('GET', `/api/orders/${order.number}`)).refunds.length === 1,
        {
          what: 'the refund on the seller',
        },
      );
      expect(seen.order.totals.total).toBe(2 * product.price);
      const { refunds } = await api.T1!.call('GET', `/api/orders/${order.number}`);
      expect(refunds.map((r: any) => r.totals.total)).toEqual([-2 * product.price]);
    }
  });

  it('says when the seller is out of reach, and lets a manager refund provisionally within the limit', async () => {
    const order = await sale();
    await daemons.T1!.stop();
    const away = await api.T2!.raw('POST', `/api/orders/${order.number}/refund`, fullRefund(order));
    expect(away.status).toBe(409);
    expect(away.body.error).toMatchObject({
      code: 'SELLER_UNREACHABLE',
      message: expect.stringMatching(/T1.*out of reach.*provisionally/),
    });
    const cashierApi = await new ApiClient(daemons.T2!.url).login('demo-bob', '0000');
    expect(
      (
        await cashierApi.raw('POST', `/api/orders/${order.number}/refund`, {
          ...fullRefund(order),
          provisional: true,
        })
      ).status,
    ).toBe(403);
    await api.T2!.call('PATCH', '/api/settings', { provisionalRefundLimit: 100 });
    const over = await api.T2!.raw('POST', `/api/orders/${order.number}/refund`, {
      ...fullRefund(order),
      provisional: true,
    });
    expect(over.body.error.code).toBe('PROVISIONAL_LIMIT');
    await api.T2!.call('PATCH', '/api/settings', { provisionalRefundLimit: 10_000 });
    const provisional = await api.T2!.call('POST', `/api/orders/${order.number}/refund`, {
      ...fullRefund(order),
      provisional: true,
    });
    expect(provisional).toMatchObject({
      kind: 'refund',
      status: 'paid',
      refundOf: { number: order.number },
    });
    // the seller, back, counts it: nothing is left to refund
    await start('T1');
    await waitFor(
      async () => (await api.T1!.call('GET', `/api/orders/${order.number}`)).refunds.length === 1,
      {
        what: 'the seller hearing of the provisional refund',
        timeoutMs: 30_000,
        intervalMs: 250,
      },
    );
    const again = await api.T1!.raw(
      'POST',
      `/api/orders/${order.number}/refund`,
      fullRefund(order),
    );
    expect(again.body.error.code).toBe('REFUND_REFUSED');
  });
});

describe('provisional refunds made apart', () => {
  let tills: SyncedTill[] = [];
  afterAll(() => {
    for (const t of tills) {
      t.sync.stop();
      t.cleanup();
    }
  });

  it('that together pass the sale are a conflict every till shows, never merged away', async () => {
    const [seller, a, b] = (tills = [
      await syncedTill('S1'),
      await syncedTill('A1'),
      await syncedTill('B1'),
    ]) as [SyncedTill, SyncedTill, SyncedTill];
    const cuts = [link(seller, a), link(seller, b), link(a, b)];
    for (const t of tills) t.till.days.openDay(manager, 0);
    const p = seller.till.catalogue.search('', 1)[0]!;
    const cart = seller.till.sales.createCart(cashier);
    seller.till.sales.applyOp(cashier, cart.id, { type: 'addProduct', productId: p.id, qty: 1 });
    const sold = seller.till.sales.pay(cashier, cart.id, [{ method: 'card', amount: p.price }]);
    await waitFor(() => a.till.sales.findOrder(sold.id) && b.till.sales.findOrder(sold.id), {
      what: 'the sale everywhere',
    });
    for (const cut of cuts) cut(); // the seller away, and A and B apart
    const refund = (t: SyncedTill) =>
      t.till.refunds.refund(
        manager,
        sold.number!,
        [{ lineId: sold.lines[0]!.id, qty: 1 }],
        [{ method: 'card', amount: -p.price }],
        { provisional: true },
      );
    await refund(a);
    await refund(b);
    link(seller, a);
    link(seller, b);
    link(a, b);
    for (const t of tills)
      await waitFor(() => t.till.status().books.refundConflicts.length === 1, {
        what: `the conflict on ${t.till.code}`,
      });
    expect(seller.till.status().books.refundConflicts[0]).toMatchObject({
      originalNumber: sold.number,
      sold: 1,
      refunded: 2,
    });
    expect(seller.till.status().books.refundConflicts[0]!.refunds).toHaveLength(2);
  });
});
