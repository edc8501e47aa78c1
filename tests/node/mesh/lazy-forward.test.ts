/**
 * Lazy forwarding on the real sync engine over in-memory channels: a till
 * that passes on a peer's update announces it (HAVE) to peers that speak
 * protocol 2 and sends it whole to those of protocol 1; a till that lacks
 * what a HAVE names asks one announcer, notes the others, and asks the next
 * when the first goes away or does not answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CATALOGUE_DOC } from '../../../crdt/documents.ts';
import { LOCAL } from '../../../node/docs/origins.ts';
import { createLogger } from '../../../node/log.ts';
import { memoryChannelPair } from '../../../node/mesh/memory-channel.ts';
import { MeshSync } from '../../../node/mesh/mesh-sync.ts';
import { SyncSession } from '../../../node/mesh/sync-session.ts';
import {
  decodeSyncMessage,
  encodeStep1,
  encodeSyncUpdate,
} from '../../../node/mesh/sync-messages.ts';
import type { Reach } from '../../../node/mesh/reach.ts';
import type { Frame } from '../../../node/mesh/wire.ts';
import { decodeFrame, encodeFrame, MalformedFrameError } from '../../../node/mesh/wire.ts';
import { memoryDocs } from '../../helpers/memory-docs.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const log = createLogger({ component: 'test', level: 'silent' });
let stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

function engine(self: string, options: { forward: boolean; wantRetryMs?: number }) {
  const docs = memoryDocs(log);
  const sync = new MeshSync({
    self,
    till: self,
    meshId: 'm',
    docs,
    log,
    forwardPeerUpdates: options.forward,
    antiEntropyMs: 3_600_000,
    wantRetryMs: options.wantRetryMs ?? 3_600_000,
  });
  stops.push(() => sync.stop());
  return { self, docs, sync };
}
type Engine = ReturnType<typeof engine>;

function link(a: Engine, b: Engine): void {
  const { a: ab, b: ba } = memoryChannelPair(a.self, b.self);
  a.sync.attach(ab);
  b.sync.attach(ba);
}

/** A hand-driven peer: it says hello with `version` and records every frame it is sent. */
function rawPeer(till: Engine, id: string, version: number) {
  const { a, b } = memoryChannelPair(till.self, id);
  const frames: Frame[] = [];
  b.onFrame((bytes) => frames.push(decodeFrame(bytes)));
  till.sync.attach(a);
  const send = (frame: Frame) => b.send(encodeFrame(frame));
  send({ type: 'hello', version, meshId: 'm', till: id, docs: [CATALOGUE_DOC] });
  const asks = () =>
    frames.filter((f) => f.type === 'sync' && decodeSyncMessage(f.message).kind === 'step1');
  return { id, frames, send, asks, channel: b };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function change(key: string, value: string) {
  const source = new Y.Doc();
  source.getMap('probe').set(key, value);
  const update = Y.encodeStateAsUpdate(source);
  return { update, reach: Y.parseUpdateMeta(update).to };
}

const holds = (e: Engine, key: string) => e.docs.get(CATALOGUE_DOC)!.getMap('probe').has(key);

describe('the HAVE frame', () => {
  it('round-trips, and a malformed one is refused', () => {
    const reach: Reach = new Map([
      [123456789, 42],
      [7, 1],
    ]);
    expect(decodeFrame(encodeFrame({ type: 'have', doc: 'catalogue', reach }))).toEqual({
      type: 'have',
      doc: 'catalogue',
      reach,
    });
    const none = encodeFrame({ type: 'have', doc: 'catalogue', reach: new Map() });
    expect(() => decodeFrame(none)).toThrow(/have names 0 writers/);
    const good = encodeFrame({ type: 'have', doc: 'catalogue', reach });
    const trailing = new Uint8Array([...good, 0]);
    expect(() => decodeFrame(trailing)).toThrow(MalformedFrameError);
    expect(() => decodeFrame(good.subarray(0, good.length - 1))).toThrow(MalformedFrameError);
  });

  it('carries the reach of a document with thousands of writers in parts a peer accepts', async () => {
    const { a, b } = memoryChannelPair('x', 'y');
    const frames: Frame[] = [];
    b.onFrame((bytes) => frames.push(decodeFrame(bytes)));
    const session = new SyncSession(a, log, {
      onFrame() {},
      onClose() {},
      resync: () => undefined,
    });
    const reach: Reach = new Map(Array.from({ length: 2_500 }, (_, i) => [i + 1, 7] as const));
    session.queueHave(CATALOGUE_DOC, reach);
    await waitFor(() => frames.length === 3, { what: 'three HAVE frames' });
    const got: Reach = new Map();
    for (const f of frames) if (f.type === 'have') for (const [c, k] of f.reach) got.set(c, k);
    expect(got).toEqual(reach);
  });
});

describe('a forwarding till', () => {
  it('announces a peer’s update to protocol 2, sends it whole to protocol 1, and answers a request', async () => {
    const author = engine('author', { forward: false });
    const hub = engine('hub', { forward: true });
    link(author, hub);
    const v1 = rawPeer(hub, 'v1', 1);
    const v2 = rawPeer(hub, 'v2', 2);
    await settle();
    v1.frames.length = 0;
    v2.frames.length = 0;
    const doc = author.docs.get(CATALOGUE_DOC)!;
    author.docs.transact(() =>
      doc.transact(() => doc.getMap('probe').set('x', 'y'.repeat(5_000)), LOCAL),
    );
    await waitFor(() => v1.frames.length > 0 && v2.frames.length > 0, {
      what: 'the hub passing it on',
    });
    expect(v1.frames.map((f) => f.type)).toEqual(['sync']);
    expect(v2.frames).toEqual([
      {
        type: 'have',
        doc: CATALOGUE_DOC,
        reach: new Map([[doc.clientID, Y.getState(doc.store, doc.clientID)]]),
      },
    ]);
    const bytes = (f: Frame) => encodeFrame(f).length;
    expect(bytes(v2.frames[0]!)).toBeLessThan(100);
    expect(bytes(v1.frames[0]!)).toBeGreaterThan(5_000);
    // asked with an empty state vector, the hub sends what it holds
    v2.send({ type: 'sync', doc: CATALOGUE_DOC, message: encodeStep1(new Y.Doc()) });
    await waitFor(() => v2.frames.length > 1, { what: 'the answer to the request' });
    const answer = v2.frames[1]!;
    if (answer.type !== 'sync') throw new Error(`expected a sync frame, got ${answer.type}`);
    const received = decodeSyncMessage(answer.message);
    if (received.kind === 'step1') throw new Error('expected a diff');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, received.update);
    expect(copy.getMap('probe').get('x')).toBe('y'.repeat(5_000));
  });
});

describe('a till told of an update it lacks', () => {
  it('asks one announcer, notes the others, asks the next when the first goes away', async () => {
    const till = engine('till', { forward: false });
    const [p1, p2, p3] = ['p1', 'p2', 'p3'].map((id) => rawPeer(till, id, 2));
    await settle();
    const before = [p1, p2, p3].map((p) => p!.asks().length);
    const { update, reach } = change('k', 'v');
    p1!.send({ type: 'have', doc: CATALOGUE_DOC, reach });
    p2!.send({ type: 'have', doc: CATALOGUE_DOC, reach });
    await settle();
    expect(p1!.asks().length).toBe(before[0]! + 1);
    expect(p2!.asks().length).toBe(before[1]);
    p1!.channel.close('gone');
    await waitFor(() => p2!.asks().length === before[1]! + 1, {
      what: 'the second announcer asked',
    });
    p2!.send({ type: 'sync', doc: CATALOGUE_DOC, message: encodeSyncUpdate(update) });
    await waitFor(() => holds(till, 'k'), { what: 'the update applied' });
    p3!.send({ type: 'have', doc: CATALOGUE_DOC, reach });
    await settle();
    expect(p3!.asks().length).toBe(before[2]);
  });

  it('asks the next announcer when the first does not answer in time', async () => {
    const till = engine('till', { forward: false, wantRetryMs: 20 });
    const [p1, p2] = ['p1', 'p2'].map((id) => rawPeer(till, id, 2));
    await settle();
    const before = p2!.asks().length;
    const { reach } = change('k', 'v');
    p1!.send({ type: 'have', doc: CATALOGUE_DOC, reach });
    p2!.send({ type: 'have', doc: CATALOGUE_DOC, reach });
    await waitFor(() => p2!.asks().length === before + 1, { what: 'the second announcer asked' });
  });
});
