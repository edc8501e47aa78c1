import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../helpers/daemon.ts';
import { tempDir } from '../helpers/till.ts';

const products = demoProducts();
const dir = tempDir();
let daemon: Daemon;
let bob: ApiClient;
let alice: ApiClient;

beforeAll(async () => {
  daemon = await startDaemon(writeTillConfig(dir.path, {}));
  bob = await new ApiClient(daemon.url).login('demo-bob', '0000');
  alice = await new ApiClient(daemon.url).login('demo-alice', '1234');
});
afterAll(async () => {
  await daemon?.stop();
  dir.remove();
});

describe('the till API, over HTTP against a real daemon', () => {
  it('needs a login for everything but health, the staff list and login', async () => {
    const anonymous = new ApiClient(daemon.url);
    expect((await anonymous.raw('GET', '/api/health')).status).toBe(200);
    expect(
      (await anonymous.raw('GET', '/api/staff')).body.map((s: { name: string }) => s.name),
    ).toEqual(['Alice', 'Bob']);
    for (const [method, path] of [
      ['GET', '/api/status'],
      ['POST', '/api/carts'],
      ['POST', '/api/day/open'],
      ['GET', '/api/reports/x'],
    ] as const) {
      const response = await anonymous.raw(method, path, method === 'GET' ? undefined : {});
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
    anonymous.token = 'forged';
    expect((await anonymous.raw('GET', '/api/status')).status).toBe(401);
  });

  it('refuses a wrong PIN, then slows the guesser down', async () => {
    const guesser = new ApiClient(daemon.url);
    const attempts = [];
    for (let i = 0; i < 4; i++)
      attempts.push(
        (await guesser.raw('POST', '/api/login', { staffId: 'demo-alice', pin: '0001' })).status,
      );
    expect(attempts).toEqual([401, 401, 401, 429]);
  });

  it('sells a cart end to end: lines, edits, customer, payment with change', async () => {
    await bob.call('POST', '/api/day/open', { float: 20_000 });
    const cart = await bob.call('POST', '/api/carts');
    await bob.call('POST', `/api/carts/${cart.id}/lines`, {
      barcode: products[0]!.barcodes[0],
      qty: 2,
    });
    let order = await bob.call('POST', `/api/carts/${cart.id}/lines`, {
      productId: products[1]!.id,
    });
    const line = order.lines[1].id;
    order = await bob.call('PATCH', `/api/carts/${cart.id}/lines/${line}`, {
      qty: 3,
      discountBp: 1000,
    });
    order = await bob.call('PATCH', `/api/carts/${cart.id}`, {
      customer: { name: 'Ada' },
      note: 'regular',
    });
    expect(order.lines.map((l: { qty: number }) => l.qty)).toEqual([2, 3]);
    expect(order.customer).toEqual({ name: 'Ada', contact: '' });
    // an open cart comes with its totals: no client works them out itself
    const open = (await bob.call('GET', '/api/carts')).find(
      (c: { id: string }) => c.id === cart.id,
    );
    expect(open.totals.total).toBe(order.totals.total);
    expect(order.totals.total).toBe(
      2 * products[0]!.price + 3 * products[1]!.price - Math.round((3 * products[1]!.price) / 10),
    );
    const paid = await bob.call('POST', `/api/carts/${cart.id}/pay`, {
      payments: [{ method: 'cash', amount: 100_000 }],
    });
    expect(paid.status).toBe('paid');
    expect(paid.number).toMatch(/^T1-\d{8}-0001$/);
    expect(paid.totals.change).toBe(100_000 - paid.totals.total);
    expect(paid.closedBy).toEqual({ id: 'demo-bob', name: 'Bob' });
    const found = await bob.call('GET', `/api/orders/${paid.number}`);
    expect(found.order.id).toBe(cart.id);
    expect(found.requests).toEqual([]);
    // today's orders, found by a part of the number or by the customer
    expect((await bob.call('GET', '/api/orders?q=0001')).map((o: { id: string }) => o.id)).toEqual([
      cart.id,
    ]);
    expect((await bob.call('GET', '/api/orders?q=ada')).length).toBe(1);
    expect(await bob.call('GET', '/api/orders?q=nobody')).toEqual([]);
    // a voided cart keeps the cashier's reason
    const spare = await bob.call('POST', '/api/carts');
    const voided = await bob.call('POST', `/api/carts/${spare.id}/void`, { reason: 'mistake' });
    expect(voided).toMatchObject({ status: 'voided', voidReason: 'mistake' });
    const x = await bob.call('GET', '/api/reports/x');
    expect(x.sales.count).toBe(1);
    expect(x.cash.expected).toBe(20_000 + paid.totals.total);
  });

  it('answers bad input with a clear error and changes nothing', async () => {
    const cart = await bob.call('POST', '/api/carts');
    const unknown = await bob.raw('POST', `/api/carts/${cart.id}/lines`, {
      barcode: '9999999999994',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'UNKNOWN_BARCODE',
      message: 'no product has barcode 9999999999994',
    });
    const float = await bob.raw('POST', `/api/carts/${cart.id}/pay`, {
      payments: [{ method: 'cash', amount: 1.5 }],
    });
    expect(float.status).toBe(400);
    expect(float.body.error.message).toMatch(/payments\.0\.amount/);
    const notJson = await bob.raw('POST', `/api/carts/${cart.id}/lines`, '{"barcode": ');
    expect(notJson.body.error.code).toBe('INVALID_JSON');
    const extra = await bob.raw('POST', '/api/day/cash', {
      amount: 100,
      reason: 'x',
      sneaky: true,
    });
    expect(extra.status).toBe(400);
    expect((await bob.raw('GET', '/api/nope')).status).toBe(404);
    expect((await bob.raw('DELETE', '/api/carts')).status).toBe(405);
    const empty = await bob.raw('POST', `/api/carts/${cart.id}/pay`, { payments: [] });
    expect(empty.body.error.code).toBe('EMPTY_ORDER');
    expect((await bob.call('GET', `/api/carts/${cart.id}`)).lines).toEqual([]);
  });

  it('keeps manager actions for managers', async () => {
    const tax = (await bob.call('GET', '/api/catalogue/taxes'))[0];
    const product = { name: 'Gift card', price: 2_500, taxId: tax.id };
    expect((await bob.raw('POST', '/api/catalogue/products', product)).status).toBe(403);
    const created = await alice.call('POST', '/api/catalogue/products', {
      ...product,
      barcodes: ['2990000000019'],
    });
    expect(created.updatedBy.name).toBe('Alice');
    expect((await bob.call('GET', '/api/catalogue/barcode/2990000000019')).id).toBe(created.id);
    expect((await bob.raw('POST', '/api/day/close', { counted: { cash: 0 } })).status).toBe(403);
    expect((await bob.raw('PATCH', '/api/settings', { shopName: 'x' })).status).toBe(403);
    const staff = await alice.call('POST', '/api/staff-members', {
      name: 'Cleo',
      role: 'cashier',
      pin: '2468',
    });
    expect(staff.pinHash).toBeUndefined();
    await new ApiClient(daemon.url).login(staff.id, '2468');
  });

  it('survives malformed URLs and oversized bodies with a clear answer', async () => {
    const { request } = await import('node:http');
    const raw = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(daemon.url);
        const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await raw('//')).toBe(400);
    expect(await raw('/api/orders/%E0%A4%A')).toBe(400);
    const big = await bob.raw('POST', '/api/carts', { pad: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
    expect((await bob.raw('GET', '/api/health')).status).toBe(200);
  });

  it('locks the currency once the till has sold, and refuses invalid settings clearly', async () => {
    const locked = await alice.raw('PATCH', '/api/settings', { currency: 'JPY' });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('CURRENCY_LOCKED');
    const bad = await alice.raw('PATCH', '/api/settings', { receiptFooter: 'x'.repeat(500) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/receiptFooter/);
    const ok = await alice.call('PATCH', '/api/settings', { shopName: 'Corner shop' });
    expect(ok.shopName).toBe('Corner shop');
  });
});
