/**
 * A till away for a week rejoins and gets the closed days it missed from the
 * relay: B stops; A opens and closes seven business days (sessions 1 to 7 of
 * one date, each with sales and a cash movement) and stops too, so only the
 * relay holds them; B starts again on the same data dir and journals every one
 * of A's closed days from the relay (its orders found by number, its day
 * count and order count in the journal), and they leave its live set.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { SqliteArchiveSink } from '../../../node/archive/sqlite-archive-sink.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, startRelay, writeTillConfig } from '../../helpers/daemon.ts';
import { freePort } from '../../helpers/net.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const DAYS_AWAY = 7;

const root = tempDir();
const secretFile = join(root.path, 'mesh.secret');
const products = demoProducts();
const configs: Record<'A' | 'B', string> = {} as never;
const running = new Set<Daemon>();
let relay: Daemon | undefined;
let A: { daemon: Daemon; api: ApiClient };
let archive: SqliteArchiveSink | undefined;

async function startTill(code: 'A' | 'B'): Promise<{ daemon: Daemon; api: ApiClient }> {
  const daemon = await startDaemon(configs[code]);
  running.add(daemon);
  return { daemon, api: await new ApiClient(daemon.url).login('demo-alice', '1234') };
}

async function stop(daemon: Daemon): Promise<void> {
  await daemon.stop();
  running.delete(daemon);
}

type Status = {
  journal: { orders: number; days: number };
  docs: Array<{ name: string }>;
  mesh: { meshId: string; peers: Array<{ connected: boolean }> };
};
const status = (api: ApiClient): Promise<Status> => api.call('GET', '/api/status');

beforeAll(async () => {
  const relayAddress = `/ip4/127.0.0.1/tcp/${await freePort()}`;
  for (const code of ['A', 'B'] as const)
    configs[code] = writeTillConfig(join(root.path, code), {
      till: { code, name: `Till ${code}` },
      mesh: {
        listen: ['/ip4/127.0.0.1/tcp/0'],
        mdns: false,
        secretFile,
        peers: [],
        relays: [relayAddress],
      },
    });
  // A makes the mesh (and its secret); the relay joins it
  A = await startTill('A');
  const relayConfig = join(root.path, 'relay.config.json');
  const dir = join(root.path, 'relay');
  writeFileSync(
    relayConfig,
    JSON.stringify({
      role: 'relay',
      name: 'back office',
      dataDir: dir,
      http: { port: 0 },
      mesh: { listen: [relayAddress], mdns: false, secretFile },
    }),
  );
  relay = await startRelay(relayConfig);
  archive = new SqliteArchiveSink(join(dir, 'archive.db'));
  await archive.start();
}, 60_000);

afterAll(async () => {
  await archive?.stop();
  for (const daemon of running) await daemon.stop();
  await relay?.stop();
  root.remove();
}, 30_000);

describe('a till that rejoins after a week away', () => {
  it('gets the closed days it missed from the relay, with every other till off', async () => {
    let B = await startTill('B');
    for (const t of [A, B])
      await waitFor(async () => (await t.api.call('GET', '/api/settings')).tills.length === 2, {
        what: 'both tills known through the relay',
        timeoutMs: 20_000,
        intervalMs: 100,
      });
    const meshId = (await status(A.api)).mesh.meshId;
    expect((await status(B.api)).journal).toEqual({ orders: 0, days: 0 });
    await stop(B.daemon);

    // the week B is away: A opens and closes a day seven times, selling each time
    const sold: Array<{ number: string; total: number; day: number }> = [];
    for (let day = 1; day <= DAYS_AWAY; day++) {
      const opened = await A.api.call('POST', '/api/day/open', { float: 5_000 });
      expect(opened.session).toBe(day); // one date, sessions 1, 2, 3, …
      for (const index of [day, day + 10]) {
        const product = products[index]!;
        const cart = await A.api.call('POST', '/api/carts');
        await A.api.call('POST', `/api/carts/${cart.id}/lines`, {
          barcode: product.barcodes[0],
          qty: 1,
        });
        const paid = await A.api.call('POST', `/api/carts/${cart.id}/pay`, {
          payments: [{ method: 'cash', amount: product.price }],
        });
        sold.push({ number: paid.number, total: paid.totals.total, day });
      }
      await A.api.call('POST', '/api/day/cash', { amount: -100 * day, reason: `tip jar ${day}` });
      const x = await A.api.call('GET', '/api/reports/x');
      await A.api.call('POST', '/api/day/close', { counted: x.expected, carryOver: true });
    }
    expect(new Set(sold.map((s) => s.number)).size).toBe(2 * DAYS_AWAY);
    expect((await status(A.api)).journal).toEqual({ orders: 2 * DAYS_AWAY, days: DAYS_AWAY });
    // the relay holds all of it (its archive has every Z report, so every order of each day)
    await waitFor(async () => (await archive!.count('z-report', meshId)) === DAYS_AWAY, {
      what: "the relay holding A's closed days",
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    expect(await archive!.count('order', meshId)).toBe(2 * DAYS_AWAY);
    // and now only the relay can serve them
    await stop(A.daemon);

    B = await startTill('B');
    await waitFor(async () => (await status(B.api)).mesh.peers.some((p) => p.connected), {
      what: 'B back in touch with the relay',
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    await waitFor(
      async () => {
        const { journal } = await status(B.api);
        return journal.days === DAYS_AWAY && journal.orders === 2 * DAYS_AWAY;
      },
      { what: "B journaling A's seven closed days from the relay", timeoutMs: 20_000 },
    );
    for (const sale of sold) {
      const found = await B.api.raw('GET', `/api/orders/${sale.number}`);
      expect(found.status, `${sale.number} on B`).toBe(200);
      expect(found.body.order).toMatchObject({
        number: sale.number,
        till: 'A',
        status: 'paid',
        totals: { total: sale.total },
      });
    }
    // journaled, so retired: none of A's days stays in B's live set
    const live = (await status(B.api)).docs.map((d) => d.name);
    expect(live.filter((name) => name.startsWith('orders/A/'))).toEqual([]);
  }, 60_000);
});
