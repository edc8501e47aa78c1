/**
 * A staff member who is deactivated, changes role or gets a new PIN loses
 * every session at once — API tokens, sync sockets, event streams — whether
 * the change was made on this till or arrived by sync from another one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { STAFF_DOC } from '../../crdt/documents.ts';
import type { ApiServer } from '../../node/api/http-server.ts';
import { startApiServer } from '../../node/api/http-server.ts';
import { DeviceService } from '../../node/devices/device-service.ts';
import type { StaffInput } from '../../node/till/staff-service.ts';
import { createLogger } from '../../node/log.ts';
import type { Till } from '../../node/till/till.ts';
import type { SyncedTill } from '../helpers/mesh.ts';
import { link, syncedTill } from '../helpers/mesh.ts';
import type { TestTill } from '../helpers/till.ts';
import { manager, openTestTill } from '../helpers/till.ts';
import { waitFor } from '../helpers/wait-for.ts';

const log = createLogger({ component: 'api', level: 'silent' });

/** A till with its real HTTP server, as a browser reaches it. */
class LiveTill {
  private constructor(
    readonly till: Till,
    private readonly devices: DeviceService,
    readonly api: ApiServer,
  ) {}

  static async start(till: Till): Promise<LiveTill> {
    const devices = DeviceService.create(till, log);
    await devices.start();
    return new LiveTill(
      till,
      devices,
      await startApiServer(till, devices, log, { host: '127.0.0.1', port: 0 }),
    );
  }

  async stop(): Promise<void> {
    await this.api.close();
    await this.devices.stop();
  }

  async call(method: string, path: string, token: string, body?: unknown) {
    const response = await fetch(new URL(path, this.api.url), {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any };
  }

  async login(staffId: string, pin: string): Promise<string> {
    const { status, body } = await this.call('POST', '/api/login', '', { staffId, pin });
    if (status !== 200) throw new Error(`login ${staffId}: ${status} ${JSON.stringify(body)}`);
    return body.token as string;
  }

  async dayDoc(token: string): Promise<string> {
    const { body } = await this.call('GET', '/api/day', token);
    return body.day.doc as string;
  }
}

/** Everything a signed-in browser holds open: a sync socket on the day and an event stream. */
interface Feeds {
  socket: WebSocket;
  /** The close code of the socket, once it closed. */
  closeCode: () => number | undefined;
  streamEnded: () => boolean;
  stop: () => void;
}

async function openFeeds(live: LiveTill, token: string, doc: string): Promise<Feeds> {
  const socket = new WebSocket(`${live.api.url.replace('http', 'ws')}sync/${doc}?token=${token}`);
  let code: number | undefined;
  socket.on('close', (c) => (code = c));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const abort = new AbortController();
  const response = await fetch(new URL('/api/devices/stream', live.api.url), {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  let ended = false;
  void (async () => {
    try {
      const reader = response.body!.getReader();
      while (!(await reader.read()).done);
      ended = true;
    } catch {
      // aborted by the test
    }
  })();
  return {
    socket,
    closeCode: () => code,
    streamEnded: () => ended,
    stop: () => {
      socket.terminate();
      abort.abort();
    },
  };
}

const open: Feeds[] = [];
afterEach(() => {
  for (const feeds of open.splice(0)) feeds.stop();
});

async function expectEnded(live: LiveTill, tokens: string[], feeds: Feeds[]): Promise<void> {
  for (const f of feeds) {
    expect(await waitFor(f.closeCode, { what: 'the sync socket to close', timeoutMs: 5_000 })).toBe(
      4401,
    );
    await waitFor(f.streamEnded, { what: 'the event stream to end', timeoutMs: 5_000 });
  }
  for (const token of tokens) expect((await live.call('GET', '/api/day', token)).status).toBe(401);
}

async function expectLive(live: LiveTill, token: string, feeds: Feeds): Promise<void> {
  expect((await live.call('GET', '/api/day', token)).status).toBe(200);
  expect(feeds.closeCode()).toBeUndefined();
  expect(feeds.streamEnded()).toBe(false);
}

describe('on this till', () => {
  let t: TestTill;
  let live: LiveTill;
  let alice: string;
  let day: string;

  beforeAll(async () => {
    t = await openTestTill();
    live = await LiveTill.start(t.till);
    alice = await live.login('demo-alice', '1234');
    await live.call('POST', '/api/day/open', alice, { float: 0 });
    day = await live.dayDoc(alice);
  });
  afterAll(async () => {
    await live?.stop();
    t?.cleanup();
  });

  const changes: Array<[string, Partial<StaffInput>]> = [
    ['deactivated', { active: false }],
    ['made a manager', { role: 'manager' }],
    ['given a new PIN', { pin: '4321' }],
  ];
  it.each(changes)(
    'a cashier who is %s is signed out of every socket and stream',
    async (_what, change) => {
      const id = `cashier-${Math.random().toString(36).slice(2, 8)}`;
      const cashier = { id, name: `Cashier ${id}`, role: 'cashier' as const };
      await live.call('POST', '/api/staff-members', alice, { ...cashier, pin: '1111' });
      // two browsers of the cashier, and a colleague who must not be touched
      const tokens = [await live.login(id, '1111'), await live.login(id, '1111')];
      const feeds = await Promise.all(tokens.map((token) => openFeeds(live, token, day)));
      const bob = await live.login('demo-bob', '0000');
      const bobs = await openFeeds(live, bob, day);
      open.push(...feeds, bobs);

      const saved = await live.call('POST', '/api/staff-members', alice, { ...cashier, ...change });
      expect(saved.status).toBe(200);

      await expectEnded(live, tokens, feeds);
      await expectLive(live, bob, bobs);
    },
  );
});

describe('from another till, by sync', () => {
  let a: SyncedTill;
  let b: SyncedTill;
  let live: LiveTill;
  let day: string;

  const staffSynced = () => {
    const sv = (t: SyncedTill) => Y.encodeStateVector(t.till.doc(STAFF_DOC)!).join();
    return sv(a) === sv(b);
  };
  /** A manager on till B changes a staff member; till A hears of it only by sync. */
  const onB = (id: string, change: Partial<StaffInput>) => {
    const staff = b.till.ctx.staff.member(id as never)!;
    b.till.staff.upsert(manager, { id, name: staff.name, role: staff.role, ...change });
  };

  beforeAll(async () => {
    a = await syncedTill('A');
    // B knows its staff only from A
    b = await syncedTill('B', { demo: false });
    link(a, b);
    await waitFor(() => b.till.ctx.staff.member('demo-bob' as never) && staffSynced(), {
      what: 'staff to reach B',
    });
    live = await LiveTill.start(a.till);
    const alice = await live.login('demo-alice', '1234');
    await live.call('POST', '/api/day/open', alice, { float: 0 });
    day = await live.dayDoc(alice);
  });
  afterAll(async () => {
    await live?.stop();
    a?.sync.stop();
    b?.sync.stop();
    a?.cleanup();
    b?.cleanup();
  });

  it('a PIN changed on another till signs the cashier out here, feeds and all', async () => {
    const tokens = [await live.login('demo-bob', '0000'), await live.login('demo-bob', '0000')];
    const feeds = await Promise.all(tokens.map((token) => openFeeds(live, token, day)));
    const alice = await live.login('demo-alice', '1234');
    const alices = await openFeeds(live, alice, day);
    open.push(...feeds, alices);

    onB('demo-bob', { pin: '9876' });

    await expectEnded(live, tokens, feeds);
    await expectLive(live, alice, alices);
    // the new PIN works here, the old one no longer does
    await expect(live.login('demo-bob', '0000')).rejects.toThrow(/401/);
    expect(await live.login('demo-bob', '9876')).toBeTruthy();
  });

  it('a cashier deactivated on another till is signed out here', async () => {
    b.till.staff.upsert(manager, { id: 'temp-1', name: 'Temp', role: 'cashier', pin: '2222' });
    await waitFor(() => a.till.ctx.staff.member('temp-1' as never), { what: 'Temp to reach A' });
    const token = await live.login('temp-1', '2222');
    const feeds = await openFeeds(live, token, day);
    open.push(feeds);

    onB('temp-1', { active: false });

    await expectEnded(live, [token], [feeds]);
  });

  it('a cashier made a manager on another till must sign in again here', async () => {
    b.till.staff.upsert(manager, { id: 'temp-2', name: 'Temp 2', role: 'cashier', pin: '3333' });
    await waitFor(() => a.till.ctx.staff.member('temp-2' as never), { what: 'Temp 2 to reach A' });
    const token = await live.login('temp-2', '3333');
    const feeds = await openFeeds(live, token, day);
    open.push(feeds);

    onB('temp-2', { role: 'manager' });

    await expectEnded(live, [token], [feeds]);
    // a rename alone is no reason to sign anyone out
    const again = await live.login('temp-2', '3333');
    const still = await openFeeds(live, again, day);
    open.push(still);
    onB('temp-2', { name: 'Temp Two' });
    await waitFor(() => a.till.ctx.staff.member('temp-2' as never)?.name === 'Temp Two', {
      what: 'the rename to reach A',
    });
    await expectLive(live, again, still);
  });
});
