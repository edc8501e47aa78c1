/** Cart transfers between three till processes over the real mesh, through the HTTP API. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../../helpers/daemon.ts';
import { freePort } from '../../helpers/net.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const root = tempDir();
const codes = ['A', 'B', 'C'] as const;
type Code = (typeof codes)[number];
const daemons = {} as Record<Code, Daemon>;
const api = {} as Record<Code, ApiClient>;

beforeAll(async () => {
  const ports = {} as Record<Code, number>;
  for (const code of codes) ports[code] = await freePort();
  for (const code of codes) {
    const config = writeTillConfig(join(root.path, code), {
      till: { code, name: `Till ${code}` },
      mesh: {
        listen: [`/ip4/127.0.0.1/tcp/${ports[code]}`],
        mdns: false,
        secretFile: join(root.path, 'mesh.secret'),
        peers: codes.filter((c) => c !== code).map((c) => `/ip4/127.0.0.1/tcp/${ports[c]}`),
      },
    });
    daemons[code] = await startDaemon(config);
    api[code] = await new ApiClient(daemons[code].url).login('demo-bob', '0000');
  }
  for (const code of codes) {
    await waitFor(async () => (await api[code].call('GET', '/api/settings')).tills.length === 3, {
      what: `${code} knowing all tills`,
    });
    await api[code].call('POST', '/api/day/open', { float: 0 });
  }
}, 60_000);

afterAll(async () => {
  for (const d of Object.values(daemons)) await d.stop();
  root.remove();
});

async function cartOn(code: Code) {
  const cart = await api[code].call('POST', '/api/carts');
  await api[code].call('POST', `/api/carts/${cart.id}/lines`, {
    barcode: demoProducts()[7]!.barcodes[0],
    qty: 3,
  });
  const line = (await api[code].call('GET', `/api/carts/${cart.id}`)).lines[0];
  // a negotiated price: the cashier asks a manager, who types the PIN
  await api[code].call('PATCH', `/api/carts/${cart.id}/lines/${line.id}`, {
    price: 900,
    discountBp: 500,
    approval: { staffId: 'demo-alice', pin: '1234' },
  });
  return api[code].call('PATCH', `/api/carts/${cart.id}`, {
    customer: { name: 'Grace' },
    note: 'wants it wrapped',
  });
}

const offered = async (code: Code) =>
  (await api[code].call<Array<{ id: string }>>('GET', '/api/transfers/offered')).map((t) => t.id);
const transfer = (code: Code, id: string) => api[code].raw('GET', `/api/transfers/${id}`);

describe('cart transfers over the mesh', () => {
  it('sends to one till, which previews, claims and finalises it; everyone sees it done', async () => {
    const cart = await cartOn('A');
    const sent = await api.A.call('POST', `/api/carts/${cart.id}/send`, {
      mode: 'assigned',
      targets: ['B'],
    });
    expect(sent).toMatchObject({ status: 'pending', mode: 'assigned', targets: ['B'], from: 'A' });
    expect((await api.A.call('GET', '/api/carts')).map((c: { id: string }) => c.id)).not.toContain(
      cart.id,
    );
    await waitFor(async () => (await offered('B')).includes(sent.id), { what: 'offered on B' });
    expect(await offered('C')).not.toContain(sent.id);
    const preview = (await transfer('B', sent.id)).body;
    expect(preview.cart).toMatchObject({
      customer: { name: 'Grace' },
      note: 'wants it wrapped',
      totals: { total: 2565 },
    });
    expect(preview.cart.lines[0]).toMatchObject({ qty: 3, priceOverride: 900, discountBp: 500 });
    const claimed = await api.B.call('POST', `/api/transfers/${sent.id}/claim`);
    expect(claimed).toMatchObject({ transferRef: sent.id, customer: { name: 'Grace' } });
    await waitFor(async () => (await transfer('B', sent.id)).body.status === 'confirmed', {
      what: 'A confirming',
    });
    const paid = await api.B.call('POST', `/api/carts/${claimed.id}/pay`, {
      payments: [{ method: 'card', amount: 2565 }],
    });
    expect(paid).toMatchObject({ status: 'paid', transferRef: sent.id, totals: { total: 2565 } });
    for (const code of codes) {
      await waitFor(async () => (await transfer(code, sent.id)).body?.status === 'done', {
        what: `done on ${code}`,
      });
      expect((await transfer(code, sent.id)).body.done).toMatchObject({
        till: 'B',
        orderNumber: paid.number,
        by: { name: 'Bob' },
      });
    }
    const history = (await transfer('C', sent.id)).body.history.map(
      (e: { type: string }) => e.type,
    );
    expect(history).toEqual(['sent', 'claimed', 'confirmed', 'paid']);
    const notices = (await api.A.call('GET', '/api/transfers/notices')).map(
      (n: { kind: string }) => n.kind,
    );
    expect(notices).toEqual(expect.arrayContaining(['sent-claimed', 'sent-done']));
  });

  it('broadcasts to every receiver; once claimed it leaves the other lists', async () => {
    const cart = await cartOn('A');
    const sent = await api.A.call('POST', `/api/carts/${cart.id}/send`, {
      mode: 'broadcast',
      targets: null,
    });
    for (const code of ['B', 'C'] as const)
      await waitFor(async () => (await offered(code)).includes(sent.id), {
        what: `offered on ${code}`,
      });
    const claimed = await api.C.call('POST', `/api/transfers/${sent.id}/claim`);
    await waitFor(async () => !(await offered('B')).includes(sent.id), { what: 'gone from B' });
    const refused = await api.B.raw('POST', `/api/transfers/${sent.id}/claim`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'TRANSFER_TAKEN',
      message: `transfer ${sent.id} was claimed by C`,
    });
    const paid = await api.C.call('POST', `/api/carts/${claimed.id}/pay`, {
      payments: [{ method: 'cash', amount: 3000 }],
    });
    await waitFor(async () => (await transfer('A', sent.id)).body.status === 'done', {
      what: 'done on A',
    });
    const queue = await api.B.call('GET', '/api/transfers');
    expect(queue.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual(
      expect.arrayContaining([[sent.id, 'done']]),
    );
    expect(paid.totals.change).toBe(3000 - 2565);
  });
});
