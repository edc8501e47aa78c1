/**
 * The relay killed with kill -9 in the middle of archiving a burst of 5,000
 * sales into a real PostgreSQL, then started again: every sale is archived
 * exactly once, the count and the sum equal to the cent what the tills sold.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, startRelay, writeTillConfig } from '../../helpers/daemon.ts';
import { freePort } from '../../helpers/net.ts';
import type { TestPostgres } from '../../helpers/postgres.ts';
import { startPostgres } from '../../helpers/postgres.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const SALES = 5_000;
/** Requests in flight per till: a busy shop, not one cashier. */
const CONCURRENCY = 4;
const root = tempDir();
const secretFile = join(root.path, 'mesh.secret');
const relayConfig = join(root.path, 'relay.config.json');
const products = demoProducts();
let postgres: TestPostgres;
let db: pg.Client;
let relay: Daemon;
const tills: Array<{ daemon: Daemon; api: ApiClient }> = [];
let meshId = '';

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase('relay_crash');
  db = new pg.Client({ connectionString: url });
  await db.connect();
  const relayAddress = `/ip4/127.0.0.1/tcp/${await freePort()}`;
  for (const code of ['K1', 'K2']) {
    const config = writeTillConfig(join(root.path, code), {
      till: { code, name: `Till ${code}` },
      mesh: {
        listen: ['/ip4/127.0.0.1/tcp/0'],
        mdns: false,
        secretFile,
        peers: [],
        relays: [relayAddress],
      },
    });
    const daemon = await startDaemon(config);
    tills.push({ daemon, api: await new ApiClient(daemon.url).login('demo-bob', '0000') });
  }
  writeFileSync(
    relayConfig,
    JSON.stringify({
      role: 'relay',
      dataDir: join(root.path, 'relay'),
      http: { port: 0 },
      mesh: { listen: [relayAddress], mdns: false, secretFile },
      archive: { postgres: url },
    }),
  );
  relay = await startRelay(relayConfig);
  meshId = (await tills[0]!.api.call('GET', '/api/status')).mesh.meshId;
  for (const t of tills) {
    // a joining till opens its day once it has the mesh's settings, here through the relay
    await waitFor(async () => (await t.api.call('GET', '/api/settings')).tills.length === 2, {
      what: 'both tills known through the relay',
      timeoutMs: 20_000,
    });
    await t.api.call('POST', '/api/day/open', { float: 0 });
  }
}, 120_000);

afterAll(async () => {
  await db?.end();
  await relay?.stop();
  for (const t of tills) await t.daemon.stop();
  await postgres?.stop();
  root.remove();
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
    const burst = Promise.all(tills.map((t, i) => sellMany(t.api, SALES / 2, i * SALES)));
    // kill it once it has archived a part of the burst, in the middle of its writes
    await waitFor(async () => (await archived()).count >= 800, {
      what: 'the relay archiving the first sales',
      timeoutMs: 120_000,
      intervalMs: 50,
    });
    await relay.kill9();
    const atKill = (await archived()).count;
    expect(atKill).toBeLessThan(SALES);
    await burst;
    relay = await startRelay(relayConfig);
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
