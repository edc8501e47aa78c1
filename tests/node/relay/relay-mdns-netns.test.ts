/**
 * A relay on the shop's LAN is found by mDNS: a till and a relay in two
 * network namespaces on one bridge, neither naming the other, the till with
 * no peers or relays in its config. The till connects to it (discovered by
 * mDNS), shows it as the relay on its status, and its sale reaches the
 * relay's archive. Needs root and iproute2.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeshPeerStatus, TillPresence } from '../../../crdt/status.ts';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { SqliteArchiveSink } from '../../../node/archive/sqlite-archive-sink.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, startRelay, writeTillConfig } from '../../helpers/daemon.ts';
import { TestLan } from '../../helpers/netns.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const root = tempDir();
const secretFile = join(root.path, 'mesh.secret');
const relayDir = join(root.path, 'relay');
let lan: TestLan;
let till: Daemon | undefined;
let relay: Daemon | undefined;
let api: ApiClient;

beforeAll(async () => {
  lan = new TestLan(randomBytes(2).toString('hex'), 2);
  const [tillHost, relayHost] = lan.hosts as [(typeof lan.hosts)[0], (typeof lan.hosts)[0]];
  const config = writeTillConfig(join(root.path, 'L1'), {
    till: { code: 'L1', name: 'LAN till' },
    http: { host: tillHost.mgmtIp, port: 7310 },
    mesh: {
      listen: [`/ip4/${tillHost.lanIp}/tcp/7311`],
      mdns: { interface: tillHost.lanIp },
      peers: [],
      relays: [],
      secretFile,
    },
  });
  till = await startDaemon(config, {}, 30_000, ['ip', 'netns', 'exec', tillHost.ns]);
  api = await new ApiClient(till.url).login('demo-alice', '1234');
  const relayConfig = join(root.path, 'relay.config.json');
  writeFileSync(
    relayConfig,
    JSON.stringify({
      role: 'relay',
      name: 'back office',
      dataDir: relayDir,
      http: { host: relayHost.mgmtIp, port: 7320 },
      mesh: {
        listen: [`/ip4/${relayHost.lanIp}/tcp/7321`],
        mdns: { interface: relayHost.lanIp },
        secretFile,
      },
    }),
  );
  relay = await startRelay(relayConfig, [], {}, ['ip', 'netns', 'exec', relayHost.ns]);
}, 90_000);

afterAll(async () => {
  await till?.stop();
  await relay?.stop();
  lan?.destroy();
  root.remove();
});

describe('a relay on the LAN', () => {
  it('is found by mDNS, shown as the relay, and archives what the till sells', async () => {
    const status = async () =>
      (await api.call('GET', '/api/status')).mesh as {
        peers: MeshPeerStatus[];
        online: TillPresence[];
      };
    await waitFor(
      async () =>
        (await status()).peers.some((p) => p.connected && p.discoveredBy.includes('mdns')),
      { what: 'the relay found by mDNS', timeoutMs: 30_000 },
    );
    await waitFor(
      async () =>
        (await status()).online.some((p) => p.role === 'relay' && p.name === 'back office'),
      { what: 'the relay shown on the till', timeoutMs: 20_000 },
    );

    await api.call('POST', '/api/day/open', { float: 0 });
    const product = demoProducts()[0]!;
    const cart = await api.call('POST', '/api/carts');
    await api.call('POST', `/api/carts/${cart.id}/lines`, { barcode: product.barcodes[0] });
    const paid = await api.call('POST', `/api/carts/${cart.id}/pay`, {
      payments: [{ method: 'card', amount: product.price }],
    });
    const archive = new SqliteArchiveSink(join(relayDir, 'archive.db'));
    await archive.start();
    try {
      const meshId = (await api.call('GET', '/api/status')).mesh.meshId as string;
      await waitFor(async () => (await archive.has('order', [paid.id], meshId)).has(paid.id), {
        what: 'the sale in the relay’s archive',
        timeoutMs: 20_000,
      });
      expect(await archive.count('order', meshId)).toBe(1);
    } finally {
      await archive.stop();
    }
  });
});
