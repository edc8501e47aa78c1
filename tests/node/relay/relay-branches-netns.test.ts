/**
 * Two branches on two networks that reach only the relay: each branch's till
 * lives in its own network namespace with one link to the relay's namespace
 * (no route between the branches, no mDNS). Through the relay alone they
 * share settings and catalogue both ways, and a cart sent in branch 1 to
 * branch 2's till is received and paid there, and seen done in branch 1.
 * Needs root and iproute2.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, startRelay, writeTillConfig } from '../../helpers/daemon.ts';
import type { Branch } from '../../helpers/netns.ts';
import { StarNetwork } from '../../helpers/netns.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const HTTP_PORT = 7310;
const MESH_PORT = 7311;
const RELAY_PORT = 7321;

interface BranchTill {
  branch: Branch;
  daemon: Daemon;
  api: ApiClient;
}

const root = tempDir();
const secretFile = join(root.path, 'mesh.secret');
const products = demoProducts();
let star: StarNetwork;
let relay: Daemon | undefined;
const tills: BranchTill[] = [];

async function startBranchTill(code: string, branch: Branch): Promise<BranchTill> {
  const config = writeTillConfig(join(root.path, code), {
    till: { code, name: `Branch ${code}` },
    http: { host: branch.mgmtIp, port: HTTP_PORT },
    mesh: {
      listen: [`/ip4/${branch.ip}/tcp/${MESH_PORT}`],
      mdns: false,
      secretFile,
      peers: [],
      relays: [`/ip4/${branch.hubIp}/tcp/${RELAY_PORT}`],
    },
  });
  const daemon = await startDaemon(config, {}, 30_000, ['ip', 'netns', 'exec', branch.ns]);
  return { branch, daemon, api: await new ApiClient(daemon.url).login('demo-alice', '1234') };
}

beforeAll(async () => {
  star = new StarNetwork(randomBytes(2).toString('hex'), 2);
  const [one, two] = star.branches as [Branch, Branch];
  // the first till makes the mesh (and its secret); the relay joins it
  tills.push(await startBranchTill('BR1', one));
  const relayConfig = join(root.path, 'relay.config.json');
  writeFileSync(
    relayConfig,
    JSON.stringify({
      role: 'relay',
      name: 'back office',
      dataDir: join(root.path, 'relay'),
      http: { host: '127.0.0.1', port: 0 },
      mesh: {
        listen: star.branches.map((b) => `/ip4/${b.hubIp}/tcp/${RELAY_PORT}`),
        mdns: false,
        secretFile,
      },
    }),
  );
  relay = await startRelay(relayConfig, [], {}, ['ip', 'netns', 'exec', star.hub]);
  tills.push(await startBranchTill('BR2', two));
  for (const t of tills) {
    await waitFor(async () => (await t.api.call('GET', '/api/settings')).tills.length === 2, {
      what: `${t.branch.ns} knowing both branches' tills`,
      timeoutMs: 20_000,
      intervalMs: 100,
    });
  }
}, 90_000);

afterAll(async () => {
  for (const t of tills) await t.daemon.stop();
  await relay?.stop();
  star?.destroy();
  root.remove();
}, 30_000);

type PeerView = { till: string | null; connected: boolean };
const connectedPeers = async (api: ApiClient): Promise<PeerView[]> =>
  ((await api.call('GET', '/api/status')).mesh.peers as PeerView[]).filter((p) => p.connected);

describe('two branches that reach only the relay', () => {
  it('have no route to each other, only to the relay', async () => {
    const [one, two] = tills as [BranchTill, BranchTill];
    // the probe works: each branch reaches the relay on its link
    expect(star.tcpConnect(one.branch.ns, one.branch.hubIp, RELAY_PORT)).toBe('connected');
    expect(star.tcpConnect(two.branch.ns, two.branch.hubIp, RELAY_PORT)).toBe('connected');
    // and not the other branch's till (its mesh port), nor the relay's end of the other link
    for (const [from, to] of [
      [one, two],
      [two, one],
    ] as const) {
      expect(star.tcpConnect(from.branch.ns, to.branch.ip, MESH_PORT)).not.toBe('connected');
      expect(star.tcpConnect(from.branch.ns, to.branch.hubIp, RELAY_PORT)).not.toBe('connected');
      expect(star.ip(from.branch.ns, 'route', 'show')).not.toMatch(/default/);
    }
    // each till's only connection is the relay (not a till code of the mesh)
    for (const t of tills) {
      const peers = await connectedPeers(t.api);
      expect(peers).toHaveLength(1);
      expect(peers[0]!.till).not.toMatch(/^BR/);
    }
  });

  it('share settings and catalogue both ways through the relay', async () => {
    const [one, two] = tills as [BranchTill, BranchTill];
    await one.api.call('PATCH', '/api/settings', { shopName: 'Two-branch shop' });
    await waitFor(
      async () => (await two.api.call('GET', '/api/settings')).mesh.shopName === 'Two-branch shop',
      { what: 'branch 2 seeing the shop name set in branch 1', timeoutMs: 15_000 },
    );
    const tax = (await two.api.call('GET', '/api/catalogue/taxes'))[0];
    const product = await two.api.call('POST', '/api/catalogue/products', {
      name: 'Branch 2 special',
      price: 1_234,
      taxId: tax.id,
      barcodes: ['2990000000026'],
    });
    await waitFor(
      async () =>
        (await one.api.raw('GET', '/api/catalogue/barcode/2990000000026')).body?.id === product.id,
      { what: 'branch 1 finding the product added in branch 2', timeoutMs: 15_000 },
    );
    const settings = await Promise.all(tills.map((t) => t.api.call('GET', '/api/settings')));
    expect(settings[1]).toEqual(settings[0]);
    const catalogue = async (api: ApiClient) =>
      (await api.call<unknown[]>('GET', '/api/catalogue/products?limit=500'))
        .map((p) => JSON.stringify(p))
        .sort();
    expect(await catalogue(two.api)).toEqual(await catalogue(one.api));
    expect((await catalogue(one.api)).length).toBeGreaterThan(products.length);
  });

  it('carry a cart sent in branch 1 to branch 2, where it is paid, and branch 1 sees it done', async () => {
    const [one, two] = tills as [BranchTill, BranchTill];
    for (const t of tills) await t.api.call('POST', '/api/day/open', { float: 5_000 });
    const cart = await one.api.call('POST', '/api/carts');
    await one.api.call('POST', `/api/carts/${cart.id}/lines`, {
      barcode: products[8]!.barcodes[0],
      qty: 2,
    });
    const sent = await one.api.call('POST', `/api/carts/${cart.id}/send`, {
      mode: 'assigned',
      targets: ['BR2'],
    });
    await waitFor(
      async () =>
        (await two.api.call('GET', '/api/transfers/offered')).some(
          (t: { id: string }) => t.id === sent.id,
        ),
      { what: 'the cart offered in branch 2', timeoutMs: 15_000 },
    );
    const claimed = await two.api.call('POST', `/api/transfers/${sent.id}/claim`);
    expect(claimed.lines).toHaveLength(1);
    expect(claimed.lines[0].qty).toBe(2);
    const paid = await two.api.call('POST', `/api/carts/${claimed.id}/pay`, {
      payments: [{ method: 'card', amount: claimed.totals.total }],
    });
    expect(paid.status).toBe('paid');
    expect(paid.number).toMatch(/^BR2-/);
    expect(paid.totals.total).toBe(2 * products[8]!.price);
    await waitFor(
      async () => (await one.api.call('GET', `/api/transfers/${sent.id}`)).status === 'done',
      { what: 'branch 1 seeing the transfer done', timeoutMs: 15_000 },
    );
    // the sale paid in branch 2 reaches branch 1 too, through the relay
    await waitFor(
      async () => (await one.api.raw('GET', `/api/orders/${paid.number}`)).status === 200,
      { what: `${paid.number} in branch 1`, timeoutMs: 15_000 },
    );
  });
});
