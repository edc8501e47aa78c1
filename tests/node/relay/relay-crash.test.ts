/**
 * The relay killed with kill -9 in the middle of archiving a burst of 5,000
 * sales into a real PostgreSQL, then started again: every sale is archived
 * exactly once, the count and the sum equal to the cent what the tills sold.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { ApiClient } from '../../helpers/daemon.ts';
import type { TestPostgres } from '../../helpers/postgres.ts';
import { startPostgres } from '../../helpers/postgres.ts';
import type { RelayShop } from '../../helpers/relay-shop.ts';
import { startRelayShop } from '../../helpers/relay-shop.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const SALES = 5_000;
/** Requests in flight per till: a busy shop, not one cashier. */
const CONCURRENCY = 4;
const products = demoProducts();
let postgres: TestPostgres;
let db: pg.Client;
let shop: RelayShop;
let meshId = '';

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase('relay_crash');
  db = new pg.Client({ connectionString: url });
  await db.connect();
  shop = await startRelayShop({ codes: ['K1', 'K2'], archive: { postgres: url }, float: 0 });
  meshId = shop.meshId;
}, 120_000);

afterAll(async () => {
  await db?.end();
  await shop?.stop();
  await postgres?.stop();
});

const archived = async () => {
  const { rows } = await db.query<{ n: string; total: string | null }>(
    `SELECT count(*) AS n, sum(total) AS total FROM orders WHERE mesh_id = $1`,
    [meshId],
  );
  return { count: Number(rows[0]!.n), total: Number(rows[0]!.total ?? 0) };
};

async function sellMany(api: ApiClient, count: number, offset: number) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = offset + next++;
      const product = products[i % products.length]!;
      const cart = await api.call('POST', '/api/carts');
      await api.call('POST', `/api/carts/${cart.id}/lines`, {
        barcode: product.barcodes[0],
        qty: 1 + (i % 3),
      });
      await api.call('POST', `/api/carts/${cart.id}/pay`, {
        payments: [{ method: i % 2 ? 'card' : 'cash', amount: product.price * (1 + (i % 3)) }],
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

describe('the relay killed while archiving', () => {
  it('archives every sale of a 5,000-sale burst exactly once after a kill -9 and a restart', async () => {
    const tills = Object.values(shop.tills);
    const burst = Promise.all(tills.map((t, i) => sellMany(t.api, SALES / 2, i * SALES)));
    // kill it once it has archived a part of the burst, in the middle of its writes
    await waitFor(async () => (await archived()).count >= 800, {
      what: 'the relay archiving the first sales',
      timeoutMs: 120_000,
      intervalMs: 50,
    });
    await shop.relay.kill9();
    const atKill = (await archived()).count;
    expect(atKill).toBeLessThan(SALES);
    await burst;
    await shop.restartRelay();
    let sold = { count: 0, total: 0 };
    for (const t of tills) {
      const x = await t.api.call('GET', '/api/reports/x');
      sold = { count: sold.count + x.sales.count, total: sold.total + x.sales.total };
    }
    expect(sold.count).toBe(SALES);
    await waitFor(async () => (await archived()).count >= SALES, {
      what: 'the restarted relay catching up',
      timeoutMs: 120_000,
    });
    expect(await archived()).toEqual(sold);
    // the key makes a second copy impossible; the count proves none is missing
    const { rows } = await db.query(
      `SELECT id FROM orders WHERE mesh_id = $1 GROUP BY id HAVING count(*) > 1`,
      [meshId],
    );
    expect(rows).toEqual([]);
  }, 400_000);
});
