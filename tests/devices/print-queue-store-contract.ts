/** The PrintQueueStore contract: the in-memory and the SQLite queue run these same tests. */
import { describe, expect, it } from 'vitest';
import type { NewPrintJob, PrintQueueStore } from '../../devices/printer/print-queue-store.ts';

const ticket = (n: number, drawer: NewPrintJob['drawer'] = 'none'): NewPrintJob => ({
  kind: 'receipt',
  orderId: `order-${n}`,
  label: `T1-20261201-000${n}`,
  createdAt: 1_000 + n,
  drawer,
});

export function runPrintQueueStoreContract(
  name: string,
  setup: () => { store: PrintQueueStore; reopen?: () => PrintQueueStore; cleanup: () => void },
  { durable = false } = {},
): void {
  describe(`PrintQueueStore contract: ${name}`, () => {
    const withStore = (fn: (s: ReturnType<typeof setup>) => void) => () => {
      const s = setup();
      try {
        fn(s);
      } finally {
        s.cleanup();
      }
    };

    it(
      'hands out waiting tickets oldest first, and only waiting ones',
      withStore(({ store }) => {
        const [a, b, c] = [
          store.add(ticket(1)),
          store.add(ticket(2, 'pending')),
          store.add(ticket(3)),
        ];
        expect(a).toMatchObject({
          state: 'waiting',
          attempts: 0,
          lastError: null,
          released: false,
          doneAt: null,
        });
        expect(store.next()?.id).toBe(a.id);
        store.update(a.id, { state: 'done', doneAt: 5 });
        expect(store.next()?.id).toBe(b.id);
        store.update(b.id, { state: 'held', lastError: 'stale' });
        expect(store.next()?.id).toBe(c.id);
        store.update(c.id, { state: 'discarded' });
        expect(store.next()).toBeUndefined();
        expect(store.counts()).toEqual({ waiting: 0, held: 1 });
      }),
    );

    it(
      'keeps every field it is given, and updates only what it is told',
      withStore(({ store }) => {
        const job = store.add(ticket(7, 'pending'));
        const updated = store.update(job.id, {
          attempts: 3,
          lastError: 'out of paper',
          drawer: 'kicked',
        });
        expect(updated).toEqual({
          ...job,
          attempts: 3,
          lastError: 'out of paper',
          drawer: 'kicked',
        });
        expect(store.update(job.id, { released: true }).released).toBe(true);
        expect(store.get(job.id)).toEqual({ ...updated, released: true });
        expect(store.get(999)).toBeUndefined();
        expect(() => store.update(999, { state: 'done' })).toThrow(/no print job 999/);
      }),
    );

    it(
      'lists newest first, filtered by state and limited',
      withStore(({ store }) => {
        for (let i = 1; i <= 5; i++) store.add(ticket(i));
        store.update(2, { state: 'held' });
        expect(store.list().map((j) => j.orderId)).toEqual([
          'order-5',
          'order-4',
          'order-3',
          'order-2',
          'order-1',
        ]);
        expect(store.list({ states: ['held'] }).map((j) => j.id)).toEqual([2]);
        expect(store.list({ limit: 2 }).map((j) => j.id)).toEqual([5, 4]);
      }),
    );

    it(
      'keeps what a report ticket prints, and none for a receipt',
      withStore(({ store }) => {
        const receipt = store.add(ticket(1));
        const report = store.add({
          kind: 'report',
          orderId: '',
          label: 'X T1 2026-12-01',
          createdAt: 5,
          drawer: 'none',
          payload: '{"net":1200}',
        });
        expect(store.get(receipt.id)?.payload).toBeNull();
        expect(store.get(report.id)).toMatchObject({ kind: 'report', payload: '{"net":1200}' });
      }),
    );

    if (durable)
      it(
        'keeps the queue across a restart',
        withStore(({ store, reopen }) => {
          const job = store.add(ticket(1, 'pending'));
          store.update(job.id, { drawer: 'kicked', attempts: 1 });
          const again = reopen!();
          expect(again.next()).toEqual({ ...job, drawer: 'kicked', attempts: 1 });
        }),
      );
  });
}
