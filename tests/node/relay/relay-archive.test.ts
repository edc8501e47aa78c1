/**
 * Two tills that reach only the relay (no mDNS, no peer of each other): they
 * share the mesh through it, a cart sent on one is received and paid on the
 * other, and every sale, refund, transfer, cash movement and Z report lands
 * in the relay's archive once, with totals equal to the tills' Z reports.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { SqliteArchiveSink } from '../../../node/archive/sqlite-archive-sink.ts';
import type { ApiClient } from '../../helpers/daemon.ts';
import { CLI } from '../../helpers/daemon.ts';
import { formatMoney } from '../../../crdt/money.ts';
import type { RelayShop, ShopTill } from '../../helpers/relay-shop.ts';
import { startRelayShop } from '../../helpers/relay-shop.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { shot } from '../../helpers/screenshots.ts';
import { signIn } from '../../helpers/ui-till.ts';

const products = demoProducts();
let shop: RelayShop;
let tills: Record<'A' | 'B', ShopTill>;
let archive: SqliteArchiveSink;
let meshId = '';

beforeAll(async () => {
  shop = await startRelayShop({ codes: ['A', 'B'], float: 5_000 });
  tills = shop.tills;
  meshId = shop.meshId;
  // the relay's own archive, read beside it (SQLite in WAL lets a reader in)
  archive = new SqliteArchiveSink(join(shop.relayDir, 'archive.db'));
  await archive.start();
}, 90_000);

afterAll(async () => {
  await archive?.stop();
  await shop?.stop();
});

async function sell(api: ApiClient, lines: Array<[number, number]>, payments: unknown[]) {
  const cart = await api.call('POST', '/api/carts');
  for (const [index, qty] of lines)
    await api.call('POST', `/api/carts/${cart.id}/lines`, {
      barcode: products[index]!.barcodes[0],
      qty,
    });
  return api.call('POST', `/api/carts/${cart.id}/pay`, { payments });
}

describe('a relay between two branches', () => {
  it('carries a cart from one branch to the other and archives the day of both', async () => {
    const { A, B } = tills;
    const s1 = await sell(
      A.api,
      [
        [0, 2],
        [3, 1],
      ],
      [{ method: 'cash', amount: 20_000 }],
    );
    const s2 = await sell(B.api, [[5, 3]], [{ method: 'card', amount: 3 * products[5]!.price }]);
    await A.api.call('POST', `/api/orders/${s1.number}/refund`, {
      lines: [{ lineId: s1.lines[0].id, qty: 1 }],
      payout: 'cash',
    });
    await A.api.call('POST', '/api/day/cash', { amount: -1_000, reason: 'window cleaner' });
    // a cart sent in branch A is received and paid in branch B
    const cart = await A.api.call('POST', '/api/carts');
    await A.api.call('POST', `/api/carts/${cart.id}/lines`, {
      barcode: products[8]!.barcodes[0],
      qty: 2,
    });
    const sent = await A.api.call('POST', `/api/carts/${cart.id}/send`, {
      mode: 'assigned',
      targets: ['B'],
    });
    await waitFor(
      async () =>
        (await B.api.call('GET', '/api/transfers/offered')).some(
          (t: { id: string }) => t.id === sent.id,
        ),
      { what: 'the cart offered in branch B', timeoutMs: 20_000 },
    );
    const claimed = await B.api.call('POST', `/api/transfers/${sent.id}/claim`);
    await B.api.call('POST', `/api/carts/${claimed.id}/pay`, {
      payments: [{ method: 'card', amount: claimed.totals.total }],
    });
    await waitFor(
      async () => (await A.api.call('GET', `/api/transfers/${sent.id}`)).status === 'done',
      { what: 'branch A seeing the transfer done', timeoutMs: 20_000 },
    );
    // both close their day; the Z reports are what the archive must match
    const z: Record<
      string,
      { sales: { count: number; total: number }; refunds: { total: number }; net: number }
    > = {};
    for (const [code, t] of Object.entries(tills)) {
      const x = await t.api.call('GET', '/api/reports/x');
      const closed = await t.api.call('POST', '/api/day/close', {
        counted: x.expected,
        carryOver: true,
      });
      z[code] = closed.report ?? closed;
    }
    await waitFor(async () => (await archive.count('z-report', meshId)) === 2, {
      what: 'both Z reports archived',
      timeoutMs: 20_000,
    });
    const totals = await archive.dayTotals(meshId);
    for (const code of ['A', 'B']) {
      const day = totals.find((d) => d.till === code)!;
      expect(day).toMatchObject({
        sales: z[code]!.sales.count,
        salesTotal: z[code]!.sales.total,
        net: z[code]!.net,
      });
    }
    expect(await archive.count('order', meshId)).toBe(4); // a sale and its refund on A; B's sale and the cart from A
    expect(await archive.count('transfer', meshId)).toBe(1);
    expect(await archive.count('cash-move', meshId)).toBe(1);
    expect(s2.number).toMatch(/^B-/);
    // the operator's CLI: the relay's status, and the report from its archive, to the cent
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [CLI, ...args, '--config', shop.relayConfig], {
        encoding: 'utf8',
      });
    expect(cli('status')).toMatch(/archive: sqlite .*archive\.db\n {2}archived: .*2 z-report/);
    const report = cli('report', 'archive');
    for (const code of ['A', 'B'])
      expect(report).toMatch(new RegExp(`\\s${code}\\s+${z[code]!.sales.count} sales`));
    expect(report).toContain(`net ${formatMoney(z.A!.net + z.B!.net, 'EUR')}`);
  });

  it('shows its archive and the tills on its own page, to a manager who signs in', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.browser.newPage();
      await page.goto(shop.relay.url);
      await page.locator('#staff').selectOption({ label: 'Alice' });
      await page.locator('#pin').fill('9999');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: /PIN/ }).waitFor();
      await page.locator('#pin').fill('1234');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Archive' }).waitFor();
      await page.getByText(/archived: .*2 z-report/).waitFor();
      await page.getByRole('cell', { name: 'A', exact: true }).waitFor();
      await shot(page, 'relay-page');
    } finally {
      await browser.close();
    }
  });

  it('shows the relay on a till’s screen and status page, and when it goes out of reach', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.browser.newPage();
      await page.goto(tills.A.daemon.url);
      await signIn(page, 'Alice');
      const bar = page.getByLabel('connections');
      await bar.getByText(/Relay: back office in reach, archive 0 behind/).waitFor();
      await page.getByRole('link', { name: 'Status' }).click();
      await page
        .getByText(/back office in reach: last archived .*; 0 record\(s\) waiting/)
        .waitFor();
      await shot(page, 'till-status-relay');
      await shop.relay.stop();
      await bar.getByText('Relay: relay out of reach').waitFor({ timeout: 60_000 });
      await page.getByText(/No relay in reach/).waitFor();
    } finally {
      await browser.close();
    }
  }, 90_000);
});
