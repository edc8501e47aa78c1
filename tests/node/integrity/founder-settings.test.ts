/**
 * Mesh-wide settings have one author at first: the till that made the mesh. A
 * till that joins with another currency in its config writes no settings: it
 * refuses to open a day until it has the mesh's, then takes them; the first
 * till keeps selling in its currency and may still change its settings.
 * (Before, the joiner seeded USD into an empty document, Yjs settled the two
 * writes by client id, and the first till was left with USD, locked.)
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../../helpers/daemon.ts';
import { freePort } from '../../helpers/net.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const root = tempDir();
const daemons: Daemon[] = [];
afterAll(async () => {
  for (const d of daemons) await d.stop();
  root.remove();
});

describe('a till that joins with another currency', () => {
  it('writes no settings, waits for the mesh’s, and leaves the first till selling in its currency', async () => {
    const ports = { F: await freePort(), J: await freePort() };
    const secretFile = join(root.path, 'shared.secret');
    const config = (code: 'F' | 'J', currency: string, peers: string[]) =>
      writeTillConfig(join(root.path, code), {
        till: { code, name: `Till ${code}` },
        currency,
        mesh: { listen: [`/ip4/127.0.0.1/tcp/${ports[code]}`], mdns: false, secretFile, peers },
      });
    const login = (d: Daemon) => new ApiClient(d.url).login('demo-alice', '1234');

    // the founder makes the mesh (and its secret) and sells in EUR
    const founder = await startDaemon(config('F', 'EUR', []));
    daemons.push(founder);
    const apiF = await login(founder);
    await apiF.call('POST', '/api/day/open', { float: 0 });
    const product = demoProducts()[0]!;
    const sell = async () => {
      const cart = await apiF.call('POST', '/api/carts');
      await apiF.call('POST', `/api/carts/${cart.id}/lines`, { barcode: product.barcodes[0] });
      return apiF.call('POST', `/api/carts/${cart.id}/pay`, {
        payments: [{ method: 'cash', amount: product.price }],
      });
    };
    expect((await sell()).currency).toBe('EUR');

    // the joiner, with USD in its config and no peer yet: it has no settings and says so
    let joiner = await startDaemon(config('J', 'USD', []));
    daemons.push(joiner);
    let apiJ = await login(joiner);
    const early = await apiJ.raw('POST', '/api/day/open', { float: 0 });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'SETTINGS_NOT_SYNCED',
      message: expect.stringMatching(/joined the mesh but has not received its settings/),
    });
    await joiner.stop();
    daemons.pop();

    // now it meets the founder: it opens its day in the mesh's currency
    joiner = await startDaemon(config('J', 'USD', [`/ip4/127.0.0.1/tcp/${ports.F}`]));
    daemons.push(joiner);
    apiJ = await login(joiner);
    await waitFor(
      async () => (await apiJ.raw('POST', '/api/day/open', { float: 0 })).status === 200,
      {
        what: 'the joiner opening its day once it has the settings',
        timeoutMs: 30_000,
        intervalMs: 250,
      },
    );
    expect((await apiJ.call('GET', '/api/reports/x')).currency).toBe('EUR');
    for (const api of [apiF, apiJ])
      expect((await api.call('GET', '/api/settings')).mesh.currency).toBe('EUR');
    expect((await sell()).currency).toBe('EUR');
    // the founder's settings are its own to change still (nothing locked by a stranger's write)
    await apiF.call('PATCH', '/api/settings', { shopName: 'Corner shop' });
    await waitFor(
      async () => (await apiJ.call('GET', '/api/settings')).mesh.shopName === 'Corner shop',
      {
        what: 'the new shop name on the joiner',
      },
    );
    expect((await apiF.call('GET', '/api/settings')).mesh.currency).toBe('EUR');
  }, 120_000);
});
