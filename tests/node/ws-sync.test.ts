import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { DAY } from '../../crdt/documents.ts';
import { demoProducts } from '../../node/demo/demo-catalogue.ts';
import type { Daemon } from '../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../helpers/daemon.ts';
import { tempDir } from '../helpers/till.ts';
import { waitFor } from '../helpers/wait-for.ts';

const dir = tempDir();
let daemon: Daemon;
let bob: ApiClient;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  daemon = await startDaemon(writeTillConfig(dir.path, {}));
  bob = await new ApiClient(daemon.url).login('demo-bob', '0000');
  await bob.call('POST', '/api/day/open', { float: 0 });
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  for (const ws of opened) ws.terminate();
  await daemon?.stop();
  dir.remove();
});

function follow(room: string, token: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${daemon.url}sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  providers.push(provider);
  return { doc, provider };
}

describe('Yjs sync for the UI (stock y-websocket client)', () => {
  it('serves the catalogue and follows a day live', async () => {
    const catalogue = follow('catalogue', bob.token);
    await waitFor(() => catalogue.doc.getMap('products').size >= 200, {
      what: 'catalogue to sync',
    });

    const { day } = await bob.call('GET', '/api/day');
    const live = follow(day.doc, bob.token);
    await waitFor(() => live.provider.synced, { what: 'day sync' });
    const cart = await bob.call('POST', '/api/carts');
    await bob.call('POST', `/api/carts/${cart.id}/lines`, {
      barcode: demoProducts()[0]!.barcodes[0],
    });
    const order = await waitFor(
      () => {
        const o = live.doc.getMap(DAY.orders).get(cart.id) as { lines: unknown[] } | undefined;
        return o && o.lines.length === 1 ? o : undefined;
      },
      { what: 'cart line to arrive' },
    );
    expect(order.lines).toHaveLength(1);
  });

  it('ignores what a client writes: the browser is read-only by sync', async () => {
    const { day } = await bob.call('GET', '/api/day');
    const writer = follow(day.doc, bob.token);
    await waitFor(() => writer.provider.synced, { what: 'sync' });
    writer.doc.getMap(DAY.orders).set('forged', { id: 'forged' });
    const reader = follow(day.doc, bob.token);
    await waitFor(() => reader.provider.synced, { what: 'second client sync' });
    // the second client saw the day (its meta) but not the forged record
    await waitFor(() => reader.doc.getMap(DAY.meta).size === 1, { what: 'meta' });
    expect(reader.doc.getMap(DAY.orders).has('forged')).toBe(false);
  });

  it('refuses sockets without a valid token or for unknown documents', async () => {
    const attempt = (path: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(new URL(path, daemon.url.replace('http', 'ws')));
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
      });
    expect(await attempt('/sync/catalogue')).toBe(401);
    expect(await attempt('/sync/catalogue?token=nope')).toBe(401);
    expect(await attempt(`/sync/orders%2FT9%2F20200101?token=${bob.token}`)).toBe(404);
    expect(await attempt(`/sync/%E0%A4%A?token=${bob.token}`)).toBe(400);
    // PIN hashes are synced between tills, never to a browser
    expect(await attempt(`/sync/staff?token=${bob.token}`)).toBe(403);
    expect((await bob.raw('GET', '/api/health')).status).toBe(200);
  });

  it('closes the sockets of a session that signs out', async () => {
    const carol = await new ApiClient(daemon.url).login('demo-bob', '0000');
    const ws = new WebSocket(
      new URL(`/sync/catalogue?token=${carol.token}`, daemon.url.replace('http', 'ws')),
    );
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await carol.call('POST', '/api/logout');
    expect(await closed).toBe(4401);
  });

  it('closes a socket that sends garbage and stays up', async () => {
    const ws = new WebSocket(
      new URL(`/sync/catalogue?token=${bob.token}`, daemon.url.replace('http', 'ws')),
    );
    const code = await new Promise<number>((resolve) => {
      ws.on('open', () =>
        ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])),
      );
      ws.on('close', (c) => resolve(c));
    });
    expect(code).toBe(4400);
    expect((await bob.raw('GET', '/api/health')).status).toBe(200);
  });

  it('closes a socket that sends too fast with 4429 (the stock client stays away) and stays up', async () => {
    const ws = await open('catalogue', bob.token);
    const code = closeCode(ws);
    const message = step1();
    for (let i = 0; i < 1_000 && ws.readyState === ws.OPEN; i++) ws.send(message);
    expect(await code).toBe(4429);
    expect(daemon.logs.some((l) => /too fast/.test(l) && l.includes('demo-bob'))).toBe(true);
    expect((await bob.raw('GET', '/api/health')).status).toBe(200);
  });

  it('closes a socket whose SyncStep1 is malformed with 4400', async () => {
    const ws = await open('catalogue', bob.token);
    const code = closeCode(ws);
    ws.send(step1().subarray(0, 3)); // the state vector is cut short
    expect(await code).toBe(4400);
  });

  it('shares the rate of one session across its sockets', async () => {
    const session = await new ApiClient(daemon.url).login('demo-bob', '0000');
    const sockets = await Promise.all(
      Array.from({ length: 15 }, () => open('transfers', session.token)),
    );
    const codes = sockets.map(closeCode);
    // 8 messages each: under what one socket may send at once, over what 15 of one session may
    for (let i = 0; i < 8; i++)
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(step1());
    expect(await Promise.race(codes)).toBe(4429);
    for (const ws of sockets) ws.close();
    await Promise.all(codes);
  });

  it('caps the sockets of one session and of one client address', async () => {
    const session = await new ApiClient(daemon.url).login('demo-bob', '0000');
    const sockets: WebSocket[] = [];
    let refused: Error | undefined;
    for (let i = 0; i < 40 && !refused; i++)
      await open('transfers', session.token).then(
        (ws) => sockets.push(ws),
        (error: Error) => (refused = error),
      );
    expect(refused?.message).toBe('HTTP 429');
    expect(sockets.length).toBeGreaterThan(2);
    expect(sockets.length).toBeLessThan(40);
    // another session from the same address still gets in, up to the address's own cap
    const other = await new ApiClient(daemon.url).login('demo-bob', '0000');
    (await open('transfers', other.token)).close();
    let refusedClient: Error | undefined;
    let more = 0;
    for (let s = 0; s < 20 && !refusedClient; s++) {
      const next = await new ApiClient(daemon.url).login('demo-bob', '0000');
      for (let i = 0; i < sockets.length && !refusedClient; i++)
        await open('transfers', next.token).then(
          () => more++,
          (error: Error) => (refusedClient = error),
        );
    }
    expect(refusedClient?.message).toBe('HTTP 429');
    expect(more).toBeLessThan(20 * sockets.length);
    for (const ws of opened) ws.terminate();
  });
});

const opened: WebSocket[] = [];

function open(doc: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(
    new URL(`/sync/${doc}?token=${token}`, daemon.url.replace('http', 'ws')),
  );
  opened.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** The close code the till sent, waiting at most a few seconds for it. */
function closeCode(ws: WebSocket): Promise<number> {
  let code: number | undefined;
  ws.once('close', (c) => (code = c));
  return waitFor(() => code, { what: 'the socket to close', timeoutMs: 5_000 });
}

/** A small SyncStep1 as the stock client sends on connect. */
function step1(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeSyncStep1(e, new Y.Doc());
  return encoding.toUint8Array(e);
}
