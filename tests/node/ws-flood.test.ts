/**
 * The UI sync socket under abuse, as a signed-in cashier could do it: sockets
 * that stop reading and flood SyncStep1 requests against a real till process;
 * then, in process (where the till's end of a socket can be looked at), sockets
 * that do not read while their document changes. Rate limits and socket caps
 * are in ws-sync.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { ApiServer } from '../../node/api/http-server.ts';
import { startApiServer } from '../../node/api/http-server.ts';
import { DeviceService } from '../../node/devices/device-service.ts';
import { createLogger } from '../../node/log.ts';
import type { Daemon } from '../helpers/daemon.ts';
import { ApiClient, startDaemon, writeTillConfig } from '../helpers/daemon.ts';
import type { TestTill } from '../helpers/till.ts';
import { openTestTill, tempDir } from '../helpers/till.ts';
import { waitFor } from '../helpers/wait-for.ts';

const MiB = 1024 * 1024;
/** What the till may hold unsent for one socket, and for all the sockets of one session. */
const SOCKET_BOUND = 1 * MiB;
const SESSION_BOUND = 2.5 * MiB;
const FLOOD_MESSAGES = 4_000;
/** 3,275 entries of 5 bytes: a SyncStep1 of 16 KB (16,381 bytes). */
const STATE_VECTOR_ENTRIES = 3_275;

/** A valid SyncStep1 for clients the till never heard of: the answer is the whole document. */
function bigSyncStep1(entries = STATE_VECTOR_ENTRIES): Uint8Array {
  const sv = encoding.createEncoder();
  encoding.writeVarUint(sv, entries);
  for (let i = 0; i < entries; i++) {
    encoding.writeVarUint(sv, 0x0020_0000 + i); // four bytes as a varint
    encoding.writeVarUint(sv, i % 128); // one byte
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 0); // y-websocket: sync
  encoding.writeVarUint(message, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(sv));
  return encoding.toUint8Array(message);
}

/** One masked binary frame as a client sends it (mask key 0: the payload goes as it is). */
function clientFrame(payload: Uint8Array): Buffer {
  if (payload.length >= 65_536) throw new Error('frame too long for this helper');
  const head = Buffer.from([0x82, 0x80 | 126, 0, 0, 0, 0, 0, 0]); // FIN, binary; masked, 16-bit length
  head.writeUInt16BE(payload.length, 2);
  return Buffer.concat([head, payload]);
}

/** A raw TCP socket that speaks the WebSocket handshake, then reads nothing more. */
async function pausedSyncSocket(baseUrl: string, path: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => {}); // the till may cut a flooder off: expected
  const head = await new Promise<string>((resolve, reject) => {
    let got = '';
    const onData = (chunk: Buffer) => {
      got += chunk.toString('latin1');
      const end = got.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.pause(); // from here on the client reads nothing
      resolve(got.slice(0, end));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`closed during the handshake: ${got}`)));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        `Sec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
  expect(head).toMatch(/^HTTP\/1\.1 101 /);
  return socket;
}

/** Writes `count` copies of `frame` as fast as the socket takes them; stops when it closes. */
async function flood(socket: Socket, frame: Buffer, count: number): Promise<number> {
  let sent = 0;
  while (sent < count && !socket.destroyed) {
    const more = socket.write(frame);
    sent++;
    if (!more)
      await new Promise<void>((resolve) => {
        const done = () => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.once('drain', done);
        socket.once('close', done);
      });
  }
  return sent;
}

function rssMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/**
 * GET /api/health every 50 ms, each on a fresh connection, from a process of
 * its own: the latencies are the till's, not those of this process writing the
 * flood. `stop` returns them in ms.
 */
function healthChecks(baseUrl: string): { running: Promise<unknown>; stop(): Promise<number[]> } {
  const script = `
    const http = require('node:http');
    let stopping = false;
    process.stdin.on('end', () => (stopping = true)).resume();
    const check = () => new Promise((resolve, reject) => {
      const started = performance.now();
      http.get(new URL('/api/health', process.argv[1]), { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - started));
      }).on('error', reject);
    });
    (async () => {
      while (!stopping) {
        console.log(await check());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();`;
  const child = spawn(process.execPath, ['-e', script, baseUrl], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    running: new Promise((resolve) => child.stdout.once('data', resolve)),
    stop: async () => {
      child.stdin.end();
      await exited;
      return out.trim().split('\n').filter(Boolean).map(Number);
    },
  };
}

describe('a cashier floods a till process from a socket that does not read', () => {
  const dir = tempDir();
  let daemon: Daemon;
  let bob: ApiClient;

  beforeAll(async () => {
    daemon = await startDaemon(writeTillConfig(dir.path, {}));
    bob = await new ApiClient(daemon.url).login('demo-bob', '0000');
  });
  afterAll(async () => {
    await daemon?.stop();
    dir.remove();
  });

  function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
  }

  /** Floods from `sockets` paused sockets of one session; RSS before and after, health during. */
  async function floodAndMeasure(sockets: number) {
    const pid = daemon.child.pid!;
    // warm up what the flood goes through: a normal follower of the catalogue, a few requests
    const warm = new WebSocket(
      `${daemon.url.replace('http', 'ws')}sync/catalogue?token=${bob.token}`,
    );
    await new Promise((resolve) => warm.once('message', resolve));
    warm.send(bigSyncStep1(10));
    await new Promise((resolve) => warm.once('message', resolve));
    warm.close();
    const quietChecks = healthChecks(daemon.url);
    await quietChecks.running;
    await new Promise((r) => setTimeout(r, 1_000));
    const quiet = await quietChecks.stop();
    const before = rssMiB(pid);

    const flooders = await Promise.all(
      Array.from({ length: sockets }, () =>
        pausedSyncSocket(daemon.url, `/sync/catalogue?token=${bob.token}`),
      ),
    );
    const checks = healthChecks(daemon.url);
    await checks.running;
    const started = performance.now();
    const frame = clientFrame(bigSyncStep1());
    const sent = await Promise.all(
      flooders.map((socket) => flood(socket, frame, FLOOD_MESSAGES / sockets)),
    );
    const floodMs = performance.now() - started;
    // what the till still had to read or answer, it handles now
    await new Promise((r) => setTimeout(r, 1_500));
    const latencies = await checks.stop();
    const after = rssMiB(pid);
    for (const socket of flooders) socket.destroy();
    const health = {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: Math.max(...latencies),
    };
    console.log(
      `flood from ${sockets} socket(s): ${sent.reduce((a, b) => a + b)} of ${FLOOD_MESSAGES} ` +
        `SyncStep1 (${frame.length} bytes) written in ${Math.round(floodMs)} ms; ` +
        `RSS ${before.rss.toFixed(1)} -> ${after.rss.toFixed(1)} MiB (peak since start ${after.peak.toFixed(1)}); ` +
        `/api/health: quiet p50 ${percentile(quiet, 50).toFixed(1)} max ${Math.max(...quiet).toFixed(1)} ms, ` +
        `during ${latencies.length} checks p50 ${health.p50.toFixed(1)} p95 ${health.p95.toFixed(1)} max ${health.max.toFixed(1)} ms`,
    );
    return { growth: after.rss - before.rss, health };
  }

  it('keeps its memory and answers health checks', async () => {
    const { growth, health } = await floodAndMeasure(1);
    expect(growth).toBeLessThan(20);
    // one check now and then is slow on a loaded two-core machine, flood or not: hence p95
    expect(health.p95).toBeLessThan(100);
    expect(health.max).toBeLessThan(500);
    // the till says who was cut off, and from what
    const cutOff = daemon.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.doc === 'catalogue' && /too fast/.test(String(entry.msg)));
    expect(cutOff).toMatchObject({ staff: 'demo-bob', name: 'Bob', doc: 'catalogue' });
  }, 60_000);

  it('holds the same bounds when the flood is spread over every socket a session may open', async () => {
    const { growth, health } = await floodAndMeasure(16);
    expect(growth).toBeLessThan(20);
    expect(health.p95).toBeLessThan(100);
    expect(health.max).toBeLessThan(500);
  }, 60_000);
});

describe('back-pressure on the UI sync socket (in process)', () => {
  let t: TestTill;
  let devices: DeviceService;
  let api: ApiServer;
  const serverSockets: Duplex[] = [];
  const clients: WebSocket[] = [];

  beforeAll(async () => {
    t = await openTestTill();
    const log = createLogger({ component: 'api', level: 'silent' });
    devices = DeviceService.create(t.till, log);
    await devices.start();
    api = await startApiServer(t.till, devices, log, { host: '127.0.0.1', port: 0 });
    // the till's end of every upgraded socket, to see what it holds for a client
    api.server.on('upgrade', (_req, socket: Duplex) => serverSockets.push(socket));
  });
  afterAll(async () => {
    for (const ws of clients) ws.terminate();
    await api?.close();
    await devices?.stop();
    t?.cleanup();
  });

  async function login(): Promise<string> {
    const response = await fetch(new URL('/api/login', api.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffId: 'demo-bob', pin: '0000' }),
    });
    return ((await response.json()) as { token: string }).token;
  }

  /** A client applying what it receives to a mirror of the document; it can stop reading. */
  async function follower(doc: string, token: string) {
    const mirror = new Y.Doc();
    const ws = new WebSocket(`${api.url.replace('http', 'ws')}sync/${doc}?token=${token}`);
    clients.push(ws);
    let received = 0;
    ws.on('message', (data: Buffer) => {
      received += data.length;
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), mirror, 'till');
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const tills = serverSockets.at(-1)!; // the till's end of this socket
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    syncProtocol.writeSyncStep1(step1, mirror);
    ws.send(encoding.toUint8Array(step1));
    const raw = (ws as unknown as { _socket: Socket })._socket;
    return {
      ws,
      mirror,
      /** Bytes the till holds for this socket, not yet handed to the kernel. */
      held: () => tills.writableLength,
      received: () => received,
      pause: () => raw.pause(),
      resume: () => raw.resume(),
    };
  }

  const chunk = 'x'.repeat(64 * 1024);

  it('holds back what a socket that does not read would queue, and catches it up in one answer', async () => {
    const f = await follower('catalogue', await login());
    await waitFor(() => f.mirror.getMap('products').size > 0, { what: 'catalogue' });
    // the client stops reading; the catalogue changes by 24 MiB
    f.pause();
    const doc = t.till.doc('catalogue')!;
    let worst = 0;
    for (let i = 0; i < 384; i++) {
      doc.getMap('padding').set(`p${i}`, `${i}:${chunk}`);
      worst = Math.max(worst, f.held());
    }
    console.log(
      `a socket that does not read: the till held at most ${(worst / MiB).toFixed(2)} MiB`,
    );
    expect(worst).toBeLessThan(SOCKET_BOUND);
    // reading again, the client catches up with everything
    f.resume();
    await waitFor(() => f.mirror.getMap('padding').size === 384, {
      what: 'catch-up',
      timeoutMs: 20_000,
    });
    expect(Y.encodeStateVector(f.mirror)).toEqual(Y.encodeStateVector(doc));
    expect(f.mirror.getMap('padding').get('p383')).toBe(`383:${chunk}`);
    console.log(`caught up after ${(f.received() / MiB).toFixed(1)} MiB on the wire`);
    f.ws.close();
  });

  it('holds back for all the sockets of a session together', async () => {
    const token = await login();
    const followers: Array<Awaited<ReturnType<typeof follower>>> = [];
    for (let i = 0; i < 8; i++) followers.push(await follower('transfers', token));
    await waitFor(() => followers.every((f) => f.received() > 0), { what: 'followers' });
    for (const f of followers) f.pause();
    const doc = t.till.doc('transfers')!;
    let worst = 0;
    for (let i = 0; i < 256; i++) {
      doc.getMap('padding').set(`p${i}`, `${i}:${chunk}`);
      worst = Math.max(
        worst,
        followers.reduce((sum, f) => sum + f.held(), 0),
      );
    }
    console.log(
      `8 sockets of a session that do not read: the till held at most ${(worst / MiB).toFixed(2)} MiB`,
    );
    // each alone may hold 512 KiB; together no more than the session may
    expect(worst).toBeLessThan(SESSION_BOUND);
    for (const f of followers) f.resume();
    await waitFor(() => followers.every((f) => f.mirror.getMap('padding').size === 256), {
      what: 'every follower to catch up',
      timeoutMs: 20_000,
    });
    for (const f of followers) f.ws.close();
  });
});
