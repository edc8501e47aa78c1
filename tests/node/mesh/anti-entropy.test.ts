/**
 * Anti-entropy by digest on the real sync engine over in-memory channels: tills
 * that agree exchange one DIGEST a link an interval and nothing else; a till
 * whose digest differs (even by a delete alone, which leaves the state vector
 * as it was) gets the full exchange and is repaired; a peer before protocol 3
 * gets the full exchange every interval; a flood of digests that never match
 * gets one exchange, not one each.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CATALOGUE_DOC } from '../../../crdt/documents.ts';
import type { DocHost } from '../../../node/docs/doc-host.ts';
import { LOCAL } from '../../../node/docs/origins.ts';
import { createLogger } from '../../../node/log.ts';
import { DocsDigest } from '../../../node/mesh/docs-digest.ts';
import { memoryChannelPair } from '../../../node/mesh/memory-channel.ts';
import { MeshSync } from '../../../node/mesh/mesh-sync.ts';
import { decodeSyncMessage, encodeStep2 } from '../../../node/mesh/sync-messages.ts';
import type { Frame } from '../../../node/mesh/wire.ts';
import {
  decodeFrame,
  DIGEST_BYTES,
  encodeFrame,
  MalformedFrameError,
} from '../../../node/mesh/wire.ts';
import { memoryDocs } from '../../helpers/memory-docs.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const log = createLogger({ component: 'test', level: 'silent' });
let stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

function engine(self: string, antiEntropyMs: number) {
  const docs = memoryDocs(log);
  const sync = new MeshSync({ self, till: self, meshId: 'm', docs, log, antiEntropyMs });
  const digest = new DocsDigest(docs);
  stops.push(() => {
    sync.stop();
    digest.stop();
  });
  return { self, docs, sync, digest };
}
type Engine = ReturnType<typeof engine>;

/** Links two engines and records, per direction, every frame sent over the link. */
function tappedLink(a: Engine, b: Engine) {
  const { a: ab, b: ba } = memoryChannelPair(a.self, b.self);
  const toA: Frame[] = [];
  const toB: Frame[] = [];
  ab.onFrame((bytes) => toA.push(decodeFrame(bytes)));
  ba.onFrame((bytes) => toB.push(decodeFrame(bytes)));
  a.sync.attach(ab);
  b.sync.attach(ba);
  return { toA, toB };
}

/** A hand-driven peer of `version` that records every frame it is sent. */
function rawPeer(till: Engine, id: string, version: number) {
  const { a, b } = memoryChannelPair(till.self, id);
  const frames: Frame[] = [];
  const closed: string[] = [];
  b.onFrame((bytes) => frames.push(decodeFrame(bytes)));
  b.onClose((reason) => closed.push(reason));
  till.sync.attach(a);
  const send = (frame: Frame) => b.send(encodeFrame(frame));
  send({ type: 'hello', version, meshId: 'm', till: id, docs: [CATALOGUE_DOC] });
  return { frames, closed, send, channel: b };
}

function edit(docs: DocHost, change: (map: Y.Map<unknown>) => void): void {
  const doc = docs.get(CATALOGUE_DOC)!;
  docs.transact(() => doc.transact(() => change(doc.getMap('probe')), LOCAL));
}

const count = (frames: Frame[], type: Frame['type']) =>
  frames.filter((f) => f.type === type).length;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the DIGEST frame', () => {
  it('round-trips, and one of any other length is refused', () => {
    const digest = new Uint8Array(DIGEST_BYTES).map((_, i) => i * 7);
    expect(decodeFrame(encodeFrame({ type: 'digest', digest }))).toEqual({
      type: 'digest',
      digest,
    });
    for (const length of [0, DIGEST_BYTES - 1, DIGEST_BYTES + 1]) {
      const bytes = encodeFrame({ type: 'digest', digest: new Uint8Array(length) });
      expect(() => decodeFrame(bytes)).toThrow(MalformedFrameError);
    }
  });
});

describe('the digest of a till’s documents', () => {
  it('is the same for the same content opened in another order, and changes with a delete alone', () => {
    const a = engine('a', 3_600_000);
    const b = engine('b', 3_600_000);
    edit(a.docs, (m) => m.set('x', 1));
    Y.applyUpdate(b.docs.get(CATALOGUE_DOC)!, Y.encodeStateAsUpdate(a.docs.get(CATALOGUE_DOC)!));
    a.docs.open('settings');
    b.docs.open('settings');
    expect(a.digest.of([CATALOGUE_DOC, 'settings'])).toEqual(
      b.digest.of(['settings', CATALOGUE_DOC]),
    );
    const svBefore = Y.encodeStateVector(a.docs.get(CATALOGUE_DOC)!);
    const before = a.digest.of([CATALOGUE_DOC]);
    edit(a.docs, (m) => m.delete('x'));
    expect(Y.encodeStateVector(a.docs.get(CATALOGUE_DOC)!)).toEqual(svBefore);
    expect(a.digest.of([CATALOGUE_DOC])).not.toEqual(before);
    // a closed document counts by its name: listing one more changes the digest
    expect(a.digest.of([CATALOGUE_DOC, 'day:2026-12-05:A:1'])).not.toEqual(
      a.digest.of([CATALOGUE_DOC]),
    );
  });
});

describe('anti-entropy between tills of protocol 3', () => {
  it('sends only digests between tills that agree, and the status still reads them as in sync', async () => {
    const a = engine('a', 40);
    const b = engine('b', 40);
    const { toA, toB } = tappedLink(a, b);
    edit(a.docs, (m) => m.set('x', 'y'));
    await waitFor(() => b.docs.get(CATALOGUE_DOC)!.getMap('probe').get('x') === 'y', {
      what: 'the change on B',
    });
    // from here on nothing changes: a few intervals of repair carry only digests
    await settle();
    toA.length = 0;
    toB.length = 0;
    const syncedBefore = a.sync.status()[0]!.lastSyncAt ?? 0;
    await waitFor(() => count(toA, 'digest') >= 3 && count(toB, 'digest') >= 3, {
      what: 'three intervals of digests each way',
    });
    expect([...toA, ...toB].filter((f) => f.type !== 'digest')).toEqual([]);
    // B never sent a state vector after the change: the matching digests said it holds it
    const [peer] = a.sync.status();
    expect(peer?.behind).toEqual([]);
    expect(peer?.lastSyncAt).toBeGreaterThan(syncedBefore);
  });

  it('repairs a delete a till missed, where the state vectors are the same', async () => {
    const a = engine('a', 3_600_000);
    edit(a.docs, (m) => m.set('x', 'y'));
    // the peer holds the same, then deletes: a change that moves no state vector
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(a.docs.get(CATALOGUE_DOC)!));
    theirs.getMap('probe').delete('x');
    const peer = rawPeer(a, 'peer', 3);
    await settle();
    peer.frames.length = 0;
    peer.send({ type: 'digest', digest: new Uint8Array(DIGEST_BYTES) });
    await waitFor(() => peer.frames.some((f) => f.type === 'sync'), { what: 'the exchange' });
    expect(peer.frames[0]?.type).toBe('hello');
    const ask = peer.frames.find((f) => f.type === 'sync');
    if (ask?.type !== 'sync') throw new Error('expected a SYNC');
    const step1 = decodeSyncMessage(ask.message);
    if (step1.kind !== 'step1') throw new Error(`expected a SyncStep1, got ${step1.kind}`);
    peer.send({
      type: 'sync',
      doc: CATALOGUE_DOC,
      message: encodeStep2(theirs, step1.stateVector),
    });
    await waitFor(() => !a.docs.get(CATALOGUE_DOC)!.getMap('probe').has('x'), {
      what: 'the delete repaired',
    });
  });

  it('answers a flood of digests that never match with one exchange', async () => {
    const a = engine('a', 3_600_000);
    const peer = rawPeer(a, 'peer', 3);
    await settle();
    peer.frames.length = 0;
    for (let i = 0; i < 100; i++)
      peer.send({ type: 'digest', digest: new Uint8Array(DIGEST_BYTES).fill(i) });
    await waitFor(() => count(peer.frames, 'hello') > 0, { what: 'the exchange' });
    for (let i = 0; i < 5; i++) await settle();
    expect(count(peer.frames, 'hello')).toBe(1);
    expect(peer.closed).toEqual([]);
  });

  it('closes a stream that sends a digest of the wrong length, and keeps the documents', async () => {
    const a = engine('a', 3_600_000);
    edit(a.docs, (m) => m.set('x', 'y'));
    const before = Y.encodeStateAsUpdate(a.docs.get(CATALOGUE_DOC)!);
    const peer = rawPeer(a, 'peer', 3);
    peer.channel.send(new Uint8Array([4, 1, 2, 3]));
    await waitFor(() => peer.closed.length > 0, { what: 'the stream closed' });
    expect(peer.closed[0]).toMatch(/malformed frame.*digest of 3 bytes/);
    expect(Y.encodeStateAsUpdate(a.docs.get(CATALOGUE_DOC)!)).toEqual(before);
  });
});

describe('anti-entropy with a peer before protocol 3', () => {
  it('sends it the full exchange every interval, never a digest', async () => {
    const a = engine('a', 40);
    const peer = rawPeer(a, 'old', 2);
    await settle();
    peer.frames.length = 0;
    await waitFor(() => count(peer.frames, 'hello') >= 2, { what: 'two intervals' });
    expect(count(peer.frames, 'digest')).toBe(0);
    expect(count(peer.frames, 'sync')).toBeGreaterThanOrEqual(2);
  });
});
