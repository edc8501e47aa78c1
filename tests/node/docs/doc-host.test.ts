import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMPACT_AT_ONCE_RATIO, DocHost } from '../../../node/docs/doc-host.ts';
import type { UpdateOrigin } from '../../../node/docs/origins.ts';
import { LOCAL } from '../../../node/docs/origins.ts';
import { createLogger } from '../../../node/log.ts';
import { MemoryUpdateStore } from '../../../node/storage/memory-update-store.ts';
import type { UpdateStore } from '../../../node/storage/update-store.ts';
import { StorageFailedError } from '../../../node/storage/update-store.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const log = createLogger({ component: 'test', level: 'silent' });

function host(store: UpdateStore = new MemoryUpdateStore(), compactAfter = 1000, quietMs = 0) {
  const fatal: unknown[] = [];
  return {
    store,
    fatal,
    docs: new DocHost({
      store,
      log,
      onFatal: (e) => fatal.push(e),
      compactAfter,
      compactWhenQuietMs: quietMs,
    }),
  };
}

/** Lets the timers of a quiet document fire. */
const quiet = () => new Promise((r) => setTimeout(r, 5));

describe('DocHost', () => {
  it('persists every update and replays them at the next start, without re-appending', () => {
    const { store, docs } = host();
    docs.open('d').getMap('m').set('a', 1);
    docs.open('d').getMap('m').set('b', 2);
    expect(store.load('d').updates).toHaveLength(2);
    const again = host(store).docs;
    expect(again.open('d').getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
    expect(store.load('d').updates).toHaveLength(2);
  });

  it('tells listeners after the commit, with the origin, and not at all when it rolls back', () => {
    const { docs, fatal } = host();
    const heard: Array<[string, UpdateOrigin]> = [];
    docs.onUpdate((name, _u, origin) => heard.push([name, origin]));
    const doc = docs.open('d');
    docs.transact(() => {
      doc.transact(() => doc.getMap('m').set('x', 1), LOCAL);
      expect(heard).toEqual([]);
    });
    expect(heard).toEqual([['d', { source: 'local' }]]);
    doc.transact(() => doc.getMap('m').set('y', 1), { source: 'peer', peer: 'P' });
    expect(heard[1]).toEqual(['d', { source: 'peer', peer: 'P' }]);
    // a failure after a document changed: memory and disk would disagree, so it is fatal
    expect(() =>
      docs.transact(() => {
        doc.getMap('m').set('z', 1);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(heard).toHaveLength(2);
    expect(fatal).toHaveLength(1);
    // a failure before any change is an ordinary error
    expect(() =>
      docs.transact(() => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(fatal).toHaveLength(1);
  });

  it('reports a failed append as fatal', () => {
    const store = new MemoryUpdateStore();
    store.append = () => {
      throw new StorageFailedError('disk gone');
    };
    const { docs, fatal } = host(store);
    expect(() => docs.open('d').getMap('m').set('a', 1)).toThrow('disk gone');
    expect(fatal[0]).toBeInstanceOf(StorageFailedError);
  });

  it('compacts in the background once enough updates piled up', async () => {
    const { store, docs } = host(new MemoryUpdateStore(), 10);
    const doc = docs.open('d');
    for (let i = 0; i < 25; i++) doc.getMap('m').set(`k${i}`, i);
    await waitFor(() => store.load('d').snapshot ?? undefined, { what: 'a compaction' });
    const stored = store.load('d');
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(25);
    expect(host(store).docs.open('d').getMap('m').size).toBe(25);
  });

  it('waits, once the snapshot is large, until the updates weigh as much as it', async () => {
    const { store, docs } = host(new MemoryUpdateStore(), 10);
    const doc = docs.open('d');
    doc.getMap('m').set('big', 'x'.repeat(10_000));
    for (let i = 0; i < 10; i++) doc.getMap('m').set(`k${i}`, i);
    const snapshot = (
      await waitFor(() => store.load('d').snapshot ?? undefined, { what: 'a compaction' })
    ).length;
    expect(snapshot).toBeGreaterThan(10_000);
    // many small updates, far fewer bytes than the snapshot: no new compaction
    for (let i = 0; i < 100; i++) doc.getMap('m').set(`k${i}`, i + 1);
    await quiet();
    expect(store.load('d').updates).toHaveLength(100);
    // as many bytes again: compacted
    doc.getMap('m').set('big2', 'y'.repeat(10_000));
    await waitFor(() => store.load('d').updates.length === 0, { what: 'a compaction' });
  });

  it('waits for the document to be quiet, unless the updates weigh several snapshots', async () => {
    // quiet only after an hour: within the test, compaction waits
    const { store, docs } = host(new MemoryUpdateStore(), 10, 3_600_000);
    const doc = docs.open('d');
    for (let i = 0; i < 10 * COMPACT_AT_ONCE_RATIO - 1; i++) doc.getMap('m').set(`k${i}`, i);
    await quiet();
    expect(store.load('d').snapshot).toBeNull();
    doc.getMap('m').set('last', 1);
    await waitFor(() => store.load('d').snapshot ?? undefined, { what: 'a compaction' });
    expect(store.load('d').updates).toHaveLength(0);
    docs.close();
  });

  it("writes a peer's update without waiting for the disk, and a local commit with it", () => {
    const store: UpdateStore = new MemoryUpdateStore();
    const seen: Array<boolean | undefined> = [];
    const transaction = store.transaction.bind(store);
    store.transaction = (fn, options) => {
      seen.push(options?.relaxed);
      return transaction(fn);
    };
    const { docs } = host(store);
    const doc = docs.open('d');
    const other = new Y.Doc();
    other.getMap('m').set('from', 'peer');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), { source: 'peer', peer: 'p' });
    docs.transact(() => doc.transact(() => doc.getMap('m').set('mine', 1), LOCAL));
    expect(seen).toEqual([true, undefined]);
    expect(store.load('d').updates).toHaveLength(2);
  });

  it('skips a corrupt stored update, keeps the rest, and never compacts it away', () => {
    const { store, docs } = host();
    docs.open('d').getMap('m').set('good', 1);
    const corrupt = new Uint8Array([255, 1, 2, 3]);
    store.append('d', corrupt);
    const again = host(store).docs;
    expect(again.open('d').getMap('m').get('good')).toBe(1);
    again.open('d').getMap('m').set('later', 2);
    again.compact('d');
    again.close();
    const stored = store.load('d');
    expect(stored.snapshot).toBeNull();
    expect(
      stored.updates.some(
        (u) => u.length === corrupt.length && u.every((b, i) => b === corrupt[i]),
      ),
    ).toBe(true);
  });

  it('retires a document: compacted, closed, unloaded, listeners told', () => {
    const { store, docs } = host();
    const retired: string[] = [];
    docs.onRetire((name) => retired.push(name));
    docs.open('day').getMap('m').set('a', 1);
    docs.retire('day');
    expect(docs.get('day')).toBeUndefined();
    expect(store.listDocs('closed').map((d) => d.name)).toEqual(['day']);
    expect(retired).toEqual(['day']);
  });
});
