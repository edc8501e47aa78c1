/**
 * The hardware proxy in real till processes: tickets queued for a printer
 * that is off survive kill -9 and print once each when it is back; the API
 * serves the receipt preview, reprints, the drawer and the customer display;
 * every till sees the others' devices.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../../helpers/daemon.ts';
import { EscPosPrinterEmulator, startTcpPrinterEmulator } from '../../helpers/escpos-emulator.ts';
import { freePort } from '../../helpers/net.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const products = demoProducts();
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function till(
  dir: string,
  config: Record<string, unknown>,
): Promise<{ daemon: Daemon; api: ApiClient; manager: ApiClient }> {
  const file = writeTillConfig(dir, config);
  const daemon = await startDaemon(file);
  cleanups.push(() => daemon.stop());
  const api = await new ApiClient(daemon.url).login('demo-bob', '0000');
  const manager = await new ApiClient(daemon.url).login('demo-alice', '1234');
  return { daemon, api, manager };
}

async function sell(api: ApiClient, n: number, method: 'cash' | 'card' = 'cash') {
  const cart = await api.call('POST', '/api/carts');
  const p = products[n % products.length]!;
  await api.call('POST', `/api/carts/${cart.id}/lines`, { barcode: p.barcodes[0] });
  return api.call('POST', `/api/carts/${cart.id}/pay`, { payments: [{ method, amount: p.price }] });
}

describe('devices in till processes', () => {
  it('keeps tickets for a printer that is off through kill -9, and prints each once when it is back', async () => {
    const root = tempDir();
    cleanups.push(() => root.remove());
    const emulator = new EscPosPrinterEmulator();
    const first = await startTcpPrinterEmulator({ emulator });
    const port = first.port;
    await first.close();
    const config = {
      devices: { printer: { transport: 'tcp', host: '127.0.0.1', port }, drawer: {} },
    };
    const file = writeTillConfig(root.path, config);
    let daemon = await startDaemon(file);
    let manager = await new ApiClient(daemon.url).login('demo-alice', '1234');
    await manager.call('POST', '/api/day/open', { float: 0 });
    const sold = [];
    for (let i = 0; i < 6; i++) sold.push(await sell(manager, i, i % 2 ? 'card' : 'cash'));
    const jobs = await manager.call('GET', '/api/devices/printer/jobs');
    expect(jobs.filter((j: any) => j.state === 'waiting')).toHaveLength(6);
    await daemon.kill9();
    daemon = await startDaemon(file);
    cleanups.push(() => daemon.stop());
    manager = await new ApiClient(daemon.url).login('demo-alice', '1234');
    const server = await startTcpPrinterEmulator({ emulator, port });
    cleanups.push(() => server.close());
    await waitFor(() => emulator.receipts.length >= 6, {
      what: 'six receipts',
      timeoutMs: 40_000,
      intervalMs: 200,
    });
    await new Promise((r) => setTimeout(r, 500)); // and no seventh
    const numbers = emulator.receipts.map((r) => r.qr[0]!.split(':')[1]);
    expect(numbers).toEqual(sold.map((o) => o.number));
    // the cash sales kicked the drawer once each: paid a moment ago, inside the kick window
    expect(emulator.pulses).toHaveLength(3);
    const after = await manager.call('GET', '/api/devices/printer/jobs');
    expect(after.map((j: any) => j.state)).toEqual(Array(6).fill('done'));
  });

  it('serves the receipt preview, reprints, the drawer and the customer display over the API', async () => {
    const root = tempDir();
    cleanups.push(() => root.remove());
    const { daemon, api, manager } = await till(root.path, {
      devices: {
        printer: { transport: 'simulated' },
        drawer: {},
        display: { transport: 'simulated', welcome: 'Hello' },
      },
    });
    await manager.call('POST', '/api/day/open', { float: 0 });
    const stream = await fetch(new URL('/api/display/stream', daemon.url));
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    const events: string[] = [];
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        events.push(new TextDecoder().decode(value));
      }
    })();
    cleanups.push(() => reader.cancel());
    const order = await sell(api, 0);
    const svg = await fetch(
      new URL(`/api/orders/${order.number}/receipt.svg?token=${api.token}`, daemon.url),
    );
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const text = await svg.text();
    expect(text).toContain(order.number);
    expect(text).toContain(products[0]!.name);
    expect(
      (await fetch(new URL(`/api/orders/${order.number}/receipt.svg`, daemon.url))).status,
    ).toBe(401);
    const copy = await api.call('POST', `/api/orders/${order.number}/reprint`);
    expect(copy).toMatchObject({ kind: 'copy', label: order.number, drawer: 'none' });
    expect((await api.raw('POST', '/api/devices/drawer/open', { reason: 'change' })).status).toBe(
      403,
    );
    const opening = await manager.call('POST', '/api/devices/drawer/open', { reason: 'change' });
    expect(opening).toMatchObject({ kind: 'no-sale', reason: 'change', by: { name: 'Alice' } });
    expect((await manager.raw('POST', '/api/devices/drawer/open', {})).status).toBe(400);
    await waitFor(() => events.join('').includes('Change'), {
      what: 'the paid screen on the stream',
    });
    const current: any = await (await fetch(new URL('/api/display', daemon.url))).json();
    expect(current.kind).toBe('paid');
    const devices = await api.call('GET', '/api/devices');
    expect(devices.map((d: any) => d.kind)).toEqual(['printer', 'drawer', 'display', 'display']);
    const status = await api.call('GET', '/api/status');
    expect(status.devices).toHaveLength(4);
    expect(status.day.paid).toBe(1);
  });

  it('shows every till its peers devices, through their presence', async () => {
    const root = tempDir();
    cleanups.push(() => root.remove());
    const [pa, pb] = [await freePort(), await freePort()];
    const secretFile = join(root.path, 'shared.secret');
    const mesh = (own: number, other: number) => ({
      listen: [`/ip4/127.0.0.1/tcp/${own}`],
      mdns: false,
      secretFile,
      peers: [`/ip4/127.0.0.1/tcp/${other}`],
    });
    await till(join(root.path, 'A'), {
      till: { code: 'A', name: 'Till A' },
      mesh: mesh(pa, pb),
      devices: { printer: { transport: 'tcp', host: '127.0.0.1', port: await freePort() } },
    });
    const b = await till(join(root.path, 'B'), {
      till: { code: 'B', name: 'Till B' },
      mesh: mesh(pb, pa),
    });
    const seen = await waitFor(
      async () => {
        const status = await b.api.call('GET', '/api/status');
        const peer = status.mesh.online.find((p: any) => p.till === 'A');
        return (
          peer?.devices?.find((d: any) => d.kind === 'printer' && d.state === 'offline') ?? false
        );
      },
      { what: "A's offline printer on B's status", timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(seen.reason).toMatch(/127\.0\.0\.1/);
  });
});
