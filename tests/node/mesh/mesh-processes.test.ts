/**
 * Three till processes on loopback, each with the others as static peers:
 * sales spread, a stopped till catches up, and a till with the wrong mesh
 * secret gets nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../../helpers/daemon.ts';
import { freePort, servedDocuments } from '../../helpers/net.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const products = demoProducts();
const root = tempDir();
const codes = ['A', 'B', 'C'] as const;
type Code = (typeof codes)[number];
const ports = {} as Record<Code, number>;
const configs = {} as Record<Code, string>;
const daemons = {} as Record<Code, Daemon>;
const clients = {} as Record<Code, ApiClient>;

async function start(code: Code): Promise<void> {
  daemons[code] = await startDaemon(configs[code]);
  clients[code] = await new ApiClient(daemons[code].url).login('demo-bob', '0000');
}

async function sell(code: Code, n: number) {
  const api = clients[code];
  const cart = await api.call('POST', '/api/carts');
  const p = products[n % products.length]!;
  await api.call('POST', `/api/carts/${cart.id}/lines`, { barcode: p.barcodes[0] });
  return api.call('POST', `/api/carts/${cart.id}/pay`, {
    payments: [{ method: 'cash', amount: p.price }],
  });
}

const connectedPeers = async (code: Code): Promise<number> =>
  (await clients[code].call('GET', '/api/status')).mesh.peers.filter(
    (p: { connected: boolean }) => p.connected,
  ).length;

const documents = (code: Code) => servedDocuments(daemons[code].url, clients[code].token);

beforeAll(async () => {
  for (const code of codes) ports[code] = await freePort();
  const secret = join(root.path, 'shared.secret');
  for (const code of codes) {
    configs[code] = writeTillConfig(join(root.path, code), {
      till: { code, name: `Till ${code}` },
      mesh: {
        listen: [`/ip4/127.0.0.1/tcp/${ports[code]}`],
        mdns: false,
        secretFile: secret,
        peers: codes.filter((c) => c !== code).map((c) => `/ip4/127.0.0.1/tcp/${ports[c]}`),
      },
    });
  }
  for (const code of codes) await start(code);
}, 60_000);

afterAll(async () => {
  for (const d of Object.values(daemons)) await d.stop();
  root.remove();
});

describe('three tills over libp2p on loopback', () => {
  it('connect to each other and spread a sale to every till', async () => {
    for (const code of codes)
      await waitFor(async () => (await connectedPeers(code)) === 2, { what: `${code} connected` });
    for (const code of codes) await clients[code].call('POST', '/api/day/open', { float: 0 });
    const sale = await sell('A', 1);
    for (const code of ['B', 'C'] as const) {
      await waitFor(
        async () =>
          (await clients[code].raw('GET', `/api/orders/${sale.id}`)).body?.order?.number ===
          sale.number,
        {
          what: `sale on ${code}`,
        },
      );
    }
    const status = await clients.A.call('GET', '/api/status');
    const peers = status.mesh.peers.map(
      (p: { till: string; connected: boolean; rttMs: number | null }) => [p.till, p.connected],
    );
    expect(peers.sort()).toEqual([
      ['B', true],
      ['C', true],
    ]);
    expect(status.mesh.online.map((o: { till: string }) => o.till).sort()).toEqual(['A', 'B', 'C']);
    // presence says who is signed in where (Bob signed in on every till)
    await waitFor(
      async () =>
        (await clients.A.call('GET', '/api/status')).mesh.online.every((o: { staff: string[] }) =>
          o.staff.includes('Bob'),
        ),
      { what: 'signed-in staff in presence', timeoutMs: 15_000, intervalMs: 500 },
    );
    // round-trip times, last sync and an up-to-date peer, once the heartbeat and a repair round went by
    await waitFor(
      async () => {
        const peers = (await clients.A.call('GET', '/api/status')).mesh.peers;
        return peers.every(
          (p: {
            rttMs: number | null;
            lastSync: string | null;
            lastSeen: string | null;
            behind: string[];
            addresses: string[];
          }) =>
            typeof p.rttMs === 'number' &&
            p.lastSync &&
            p.lastSeen &&
            p.behind.length === 0 &&
            p.addresses.length > 0,
        );
      },
      { what: 'full peer status on A', timeoutMs: 25_000, intervalMs: 500 },
    );
  });

  it('brings a stopped till up to date when it comes back, and all converge', async () => {
    expect(await daemons.B.stop()).toBe(0);
    await waitFor(async () => (await connectedPeers('A')) === 1, { what: 'A noticing B gone' });
    const sold = [];
    for (let i = 0; i < 10; i++) sold.push(await sell('A', 10 + i), await sell('C', 40 + i));
    await start('B');
    await waitFor(async () => (await connectedPeers('B')) === 2, {
      what: 'B reconnected',
      timeoutMs: 20_000,
    });
    for (const order of sold) {
      await waitFor(
        async () => (await clients.B.raw('GET', `/api/orders/${order.id}`)).status === 200,
        { what: `order ${order.number} on B` },
      );
    }
    await waitFor(
      async () => {
        const [a, b, c] = [await documents('A'), await documents('B'), await documents('C')];
        return a === b && b === c;
      },
      { what: 'identical documents on A, B and C', timeoutMs: 20_000, intervalMs: 500 },
    );
  }, 90_000);

  it('refuses a till with the wrong mesh secret: it connects to nobody and receives nothing', async () => {
    const port = await freePort();
    const config = writeTillConfig(join(root.path, 'X'), {
      till: { code: 'X', name: 'Intruder' },
      demo: false,
      mesh: {
        listen: [`/ip4/127.0.0.1/tcp/${port}`],
        mdns: false,
        peers: [`/ip4/127.0.0.1/tcp/${ports.A}`],
      },
    });
    const intruder = await startDaemon(config);
    try {
      const token = readFileSync(join(root.path, 'X/data/operator.token'), 'utf8').trim();
      const x = new ApiClient(intruder.url);
      x.token = token;
      await sell('A', 99);
      // give it time to try (and fail) several dials
      await new Promise((r) => setTimeout(r, 4_000));
      const status = await x.call('GET', '/api/status');
      expect(status.mesh.peers.filter((p: { connected: boolean }) => p.connected)).toEqual([]);
      expect(status.catalogue.products).toBe(0);
      expect(status.docs.map((d: { name: string }) => d.name).sort()).toEqual([
        'catalogue',
        'refunds',
        'settings',
        'staff',
        'transfers',
      ]);
      const peersOfA = (await clients.A.call('GET', '/api/status')).mesh.peers.map(
        (p: { till: string }) => p.till,
      );
      expect(peersOfA).not.toContain('X');
    } finally {
      await intruder.stop();
    }
  }, 30_000);
});
