/**
 * Real mDNS: three tills in three network namespaces on one bridge find each
 * other with no configured peers (and ignore a till of another mesh on the same
 * LAN), sync, survive a cut link with sales on both sides, converge when it is
 * restored, and announce themselves again when their address changes.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../../helpers/daemon.ts';
import { servedDocuments } from '../../helpers/net.ts';
import type { Host } from '../../helpers/netns.ts';
import { TestLan } from '../../helpers/netns.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

interface NsTill {
  host: Host;
  daemon: Daemon;
  api: ApiClient;
}

const root = tempDir();
let lan: TestLan;
const tills: NsTill[] = [];
let stranger: NsTill | undefined;

beforeAll(async () => {
  lan = new TestLan(randomBytes(2).toString('hex'), 4);
  const secretFile = join(root.path, 'mesh.secret');
  for (const [i, host] of lan.hosts.entries()) {
    const other = i === 3; // a till of another mesh (its own secret) on the same LAN
    const config = writeTillConfig(join(root.path, `N${i + 1}`), {
      till: { code: `N${i + 1}`, name: `Namespace till ${i + 1}` },
      http: { host: host.mgmtIp, port: 7310 },
      mesh: {
        listen: [`/ip4/${host.lanIp}/tcp/7311`],
        mdns: { interface: host.lanIp },
        peers: [],
        ...(other ? {} : { secretFile }),
      },
    });
    const daemon = await startDaemon(config, {}, 30_000, ['ip', 'netns', 'exec', host.ns]);
    const entry = { host, daemon, api: await new ApiClient(daemon.url).login('demo-bob', '0000') };
    if (other) stranger = entry;
    else tills.push(entry);
  }
}, 90_000);

afterAll(async () => {
  for (const t of [...tills, ...(stranger ? [stranger] : [])]) await t.daemon.stop();
  lan?.destroy();
  root.remove();
});

type PeerView = { till: string; connected: boolean; discoveredBy: string[]; addresses: string[] };
const peersOf = async (api: ApiClient): Promise<PeerView[]> =>
  (await api.call('GET', '/api/status')).mesh.peers;

async function sell(api: ApiClient, n: number) {
  const p = demoProducts()[n]!;
  const cart = await api.call('POST', '/api/carts');
  await api.call('POST', `/api/carts/${cart.id}/lines`, { barcode: p.barcodes[0] });
  return api.call('POST', `/api/carts/${cart.id}/pay`, {
    payments: [{ method: 'cash', amount: p.price }],
  });
}

const allConverged = async () => {
  const docs = await Promise.all(tills.map((t) => servedDocuments(t.daemon.url, t.api.token)));
  return docs.every((d) => d === docs[0]);
};

describe('mDNS across network namespaces', () => {
  it('finds every till of the mesh with no configured peers, ignores another mesh, syncs a sale', async () => {
    for (const t of tills) {
      await waitFor(
        async () =>
          (await peersOf(t.api)).filter((p) => p.connected && p.discoveredBy.includes('mdns'))
            .length === 2,
        {
          what: `${t.host.ns} discovering and connecting to both others`,
          timeoutMs: 30_000,
          intervalMs: 250,
        },
      );
    }
    // the till of another mesh answers mDNS too, but its mesh id differs: never listed, never dialled
    for (const t of tills) expect((await peersOf(t.api)).map((p) => p.till)).not.toContain('N4');
    expect((await peersOf(stranger!.api)).filter((p) => p.connected)).toEqual([]);
    for (const t of tills) await t.api.call('POST', '/api/day/open', { float: 0 });
    const sale = await sell(tills[0]!.api, 5);
    await waitFor(
      async () => (await tills[2]!.api.raw('GET', `/api/orders/${sale.id}`)).status === 200,
      { what: 'sale on N3' },
    );
  }, 60_000);

  it('survives a cut link with sales on both sides and converges when it comes back', async () => {
    const [n1, n2, n3] = tills as [NsTill, NsTill, NsTill];
    lan.cut(n3.host);
    await waitFor(
      async () => !(await peersOf(n1.api)).some((p) => p.till === 'N3' && p.connected),
      {
        what: 'N1 noticing the cut',
        timeoutMs: 20_000,
        intervalMs: 250,
      },
    );
    const sideA = [await sell(n1.api, 10), await sell(n2.api, 11), await sell(n1.api, 12)];
    const sideB = [await sell(n3.api, 20), await sell(n3.api, 21)];
    expect((await n1.api.raw('GET', `/api/orders/${sideB[0]!.id}`)).status).toBe(404);
    lan.restore(n3.host);
    await waitFor(async () => (await peersOf(n3.api)).filter((p) => p.connected).length === 2, {
      what: 'N3 reconnected to both',
      timeoutMs: 40_000,
      intervalMs: 250,
    });
    for (const order of [...sideA, ...sideB]) {
      for (const t of tills) {
        await waitFor(
          async () => (await t.api.raw('GET', `/api/orders/${order.id}`)).status === 200,
          {
            what: `${order.number} on ${t.host.ns}`,
          },
        );
      }
    }
    await waitFor(allConverged, {
      what: 'identical documents on all three',
      timeoutMs: 20_000,
      intervalMs: 500,
    });
  }, 120_000);

  it('announces a till again when its address changes', async () => {
    const n3 = tills[2]!;
    execFileSync('ip', [
      'netns',
      'exec',
      n3.host.ns,
      'ip',
      'addr',
      'add',
      '10.231.7.33/24',
      'dev',
      'lan0',
    ]);
    await waitFor(
      async () =>
        (await peersOf(tills[0]!.api))
          .find((p) => p.till === 'N3')
          ?.addresses.includes('/ip4/10.231.7.33/tcp/7311'),
      { what: "N1 learning N3's new address", timeoutMs: 20_000, intervalMs: 250 },
    );
  }, 30_000);
});
