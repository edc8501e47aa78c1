/** The UpdateStore contract: every implementation runs these same tests. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { UpdateStore } from '../../../node/storage/update-store.ts';

export function runUpdateStoreContract(
  name: string,
  setup: () => { store: UpdateStore; reopen?: () => UpdateStore; cleanup: () => void },
): void {
  describe(`UpdateStore contract: ${name}`, () => {
    const withStore = (fn: (s: ReturnType<typeof setup>) => void) => () => {
      const s = setup();
      try {
        fn(s);
      } finally {
        s.cleanup();
      }
    };

    it(
      'returns appended updates in order, per document',
      withStore(({ store }) => {
        store.append('a', new Uint8Array([1]));
        store.append('b', new Uint8Array([9]));
        store.append('a', new Uint8Array([2, 3]));
        const a = store.load('a');
        expect(a.snapshot).toBeNull();
        expect(a.updates.map((u) => [...u])).toEqual([[1], [2, 3]]);
        expect(store.load('b').updates.map((u) => [...u])).toEqual([[9]]);
        expect(store.load('none')).toEqual({ snapshot: null, updates: [], lastId: 0 });
      }),
    );

    it(
      'compacts into a snapshot and keeps later updates',
      withStore(({ store }) => {
        const doc = new Y.Doc();
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        for (let i = 0; i < 10; i++) doc.getMap('m').set(`k${i}`, i);
        let lastId = 0;
        for (const u of updates) lastId = store.append('doc', u);
        store.compact('doc', Y.encodeStateAsUpdate(doc), lastId);
        doc.getMap('m').set('after', true);
        store.append('doc', updates.at(-1)!);
        const loaded = store.load('doc');
        expect(loaded.snapshot).not.toBeNull();
        expect(loaded.updates).toHaveLength(1);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, loaded.snapshot!);
        expect(copy.getMap('m').toJSON()).toEqual(
          Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])),
        );
      }),
    );

    it(
      'tracks live and closed documents',
      withStore(({ store }) => {
        store.append('day1', new Uint8Array([1]));
        store.append('day2', new Uint8Array([1, 2]));
        store.setState('day1', 'closed');
        expect(store.listDocs('live').map((d) => d.name)).toEqual(['day2']);
        expect(store.listDocs('closed').map((d) => d.name)).toEqual(['day1']);
        expect(store.listDocs().map((d) => [d.name, d.state, d.updates, d.bytes])).toEqual([
          ['day1', 'closed', 1, 1],
          ['day2', 'live', 1, 2],
        ]);
      }),
    );

    it(
      'rolls a failed transaction back entirely',
      withStore(({ store }) => {
        store.append('a', new Uint8Array([1]));
        expect(() =>
          store.transaction(() => {
            store.append('a', new Uint8Array([2]));
            store.append('c', new Uint8Array([3]));
            throw new Error('boom');
          }),
        ).toThrow('boom');
        expect(store.load('a').updates.map((u) => [...u])).toEqual([[1]]);
        expect(store.load('c').updates).toEqual([]);
        expect(store.transaction(() => store.append('a', new Uint8Array([4])))).toBeGreaterThan(0);
        expect(store.load('a').updates).toHaveLength(2);
      }),
    );

    it(
      'keeps what it was given across a reopen',
      withStore(({ store, reopen }) => {
        store.append('a', new Uint8Array([7, 7]));
        store.setState('a', 'closed');
        const again = reopen ? reopen() : store;
        expect(again.load('a').updates.map((u) => [...u])).toEqual([[7, 7]]);
        expect(again.listDocs('closed').map((d) => d.name)).toEqual(['a']);
      }),
    );

    it(
      'purges a closed document to nothing and keeps its name closed; refuses a live one',
      withStore(({ store, reopen }) => {
        store.append('day', new Uint8Array([1]));
        store.compact('day', new Uint8Array([5, 5]), store.append('day', new Uint8Array([2])));
        store.append('day', new Uint8Array([3]));
        store.append('other', new Uint8Array([4]));
        expect(() => store.purge('day')).toThrow(/closed/);
        store.setState('day', 'closed');
        store.purge('day');
        const again = reopen ? reopen() : store;
        expect(again.load('day')).toEqual({ snapshot: null, updates: [], lastId: 0 });
        expect(again.listDocs('closed')).toEqual([
          { name: 'day', state: 'closed', updates: 0, bytes: 0 },
        ]);
        expect(again.load('other').updates).toHaveLength(1);
      }),
    );

    it(
      'commits a relaxed transaction like any other, and rolls it back on a throw',
      withStore(({ store, reopen }) => {
        store.transaction(() => store.append('cart', new Uint8Array([1])), { relaxed: true });
        expect(() =>
          store.transaction(
            () => {
              store.append('cart', new Uint8Array([2]));
              throw new Error('no');
            },
            { relaxed: true },
          ),
        ).toThrow('no');
        store.transaction(() => store.append('cart', new Uint8Array([3])));
        const again = reopen ? reopen() : store;
        expect(again.load('cart').updates.map((u) => [...u])).toEqual([[1], [3]]);
      }),
    );
  });
}
