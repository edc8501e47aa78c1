/**
 * What every ArchiveSink must do, run against each implementation: schema and
 * migrations, idempotent and atomic writes (also from two connections at once),
 * and reports equal to the cent to the tills' own Z reports.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveRecord, ArchiveSink } from '../../../node/archive/archive-sink.ts';
import {
  ArchiveRecordError,
  ArchiveSchemaTooNewError,
} from '../../../node/archive/archive-errors.ts';
import { tillDay } from './archive-fixtures.ts';
import type { TillDay } from './archive-fixtures.ts';
import { expectValidChain, orderChecks } from './archive-checks.ts';

export interface ArchiveHarness {
  /** A new, unstarted sink on the harness's one database (a new connection each call). */
  open(): ArchiveSink;
  /** Portable SQL straight at the database, to look at the rows themselves. */
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  cleanup(): Promise<void>;
}

const DATE = '20261121';
const NEXT_DATE = '20261122';

export function runArchiveSinkContract(name: string, setup: () => Promise<ArchiveHarness>): void {
  describe(`ArchiveSink contract: ${name}`, () => {
    let harness: ArchiveHarness;
    let sink: ArchiveSink;
    const others: ArchiveSink[] = [];
    const another = async () => {
      const s = harness.open();
      others.push(s);
      await s.start();
      return s;
    };
    const rows = async (sql: string) => Number((await harness.query(sql))[0]?.n);
    const counts = async () =>
      Promise.all(
        ['orders', 'order_lines', 'order_payments', 'order_taxes', 'transfers', 'cash_moves']
          .concat(['drawer_openings', 'z_reports'])
          .map((table) => rows(`SELECT COUNT(*) AS n FROM ${table}`)),
      );

    beforeEach(async () => {
      harness = await setup();
      sink = harness.open();
      // two relays starting at once on a fresh database: one migrates, the other waits for it
      const twin = harness.open();
      others.push(twin);
      await Promise.all([sink.start(), twin.start()]);
    });
    afterEach(async () => {
      for (const s of [sink, ...others.splice(0)]) await s.stop();
      await harness.cleanup();
    });

    it('creates its schema once: starting again, at once or later, on any connection, changes nothing', async () => {
      const [a, b] = [tillDay('shop-a', 'T1', DATE), tillDay('shop-a', 'T2', DATE)];
      await sink.write(a.records);
      await sink.stop();
      await sink.start();
      await sink.start(); // twice is safe
      const second = await another();
      await second.write(b.records);
      const migrations = await harness.query(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(migrations.map((m) => Number(m.version))).toEqual([1]);
      expect(await sink.count('order', 'shop-a')).toBe(a.orders.length + b.orders.length);
    });

    it('refuses a database migrated by a newer posmesh', async () => {
      await harness.query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'later')",
      );
      await expect(harness.open().start()).rejects.toBeInstanceOf(ArchiveSchemaTooNewError);
    });

    it("sums each till's day in SQL to the cent of its Z report, refunds and money limits included", async () => {
      const days = [
        tillDay('shop-a', 'T2', DATE),
        tillDay('shop-a', 'T1', DATE),
        tillDay('shop-a', 'T1', NEXT_DATE),
        tillDay('shop-b', 'T1', DATE),
      ];
      await sink.write(days.flatMap((d) => d.records));
      const expected = (d: TillDay, meshId: string) => ({
        meshId,
        till: d.report.till,
        businessDate: d.report.businessDate,
        currency: 'EUR',
        sales: d.report.sales.count,
        salesTotal: d.report.sales.total,
        refunds: d.report.refunds.count,
        refundsTotal: d.report.refunds.total,
        net: d.report.net,
      });
      const [t2, t1, t1Next, shopB] = days as [TillDay, TillDay, TillDay, TillDay];
      expect(t1.report.net).toBeGreaterThan(2 ** 40); // past 32 bits, near the order limit
      expect(await sink.dayTotals('shop-a')).toEqual([
        expected(t1, 'shop-a'),
        expected(t2, 'shop-a'),
        expected(t1Next, 'shop-a'),
      ]);
      expect(await sink.dayTotals()).toEqual([
        expected(t1, 'shop-a'),
        expected(shopB, 'shop-b'),
        expected(t2, 'shop-a'),
        expected(t1Next, 'shop-a'),
      ]);
      await orderChecks((sql) => harness.query(sql), t1, 'shop-a');
    });

    it("gives a day's orders back as signed, in number order, with their chain", async () => {
      const day = tillDay('shop-a', 'T1', DATE);
      await sink.write([...day.records].reverse());
      const archived = await sink.orders('shop-a', 'T1', DATE);
      expect(archived).toEqual(day.orders);
      expectValidChain(archived);
      expect(await sink.orders('shop-b', 'T1', DATE)).toEqual([]);
    });

    it('counts what it holds per kind and mesh, and says which keys it has', async () => {
      const [a, b] = [tillDay('shop-a', 'T1', DATE), tillDay('shop-b', 'T1', DATE)];
      await sink.write([...a.records, ...b.records.filter((r) => r.kind !== 'z-report')]);
      const kinds = ['order', 'transfer', 'cash-move', 'drawer-opening', 'z-report'] as const;
      const perKind = (d: TillDay) =>
        kinds.map((k) => d.records.filter((r) => r.kind === k).length);
      expect(await Promise.all(kinds.map((k) => sink.count(k, 'shop-a')))).toEqual(perKind(a));
      expect(await sink.count('z-report', 'shop-b')).toBe(0);
      const orderIds = a.orders.map((o) => o.id);
      const held = await sink.has('order', [...orderIds, 'never-sold']);
      expect([...held].sort()).toEqual([...orderIds].sort());
      // a Z report's key is the same in both shops: only shop-a's is archived
      const zKey = 'T1/20261121/1';
      expect(await sink.has('z-report', [zKey], 'shop-a')).toEqual(new Set([zKey]));
      expect(await sink.has('z-report', [zKey], 'shop-b')).toEqual(new Set());
      expect(await sink.has('transfer', [])).toEqual(new Set());
    });

    it('writes a batch again, or a record twice in one batch, without a duplicate', async () => {
      const day = tillDay('shop-a', 'T1', DATE);
      await sink.write(day.records);
      const before = await counts();
      const totals = await sink.dayTotals();
      await sink.write(day.records);
      await sink.write([...day.records, ...day.records]);
      expect(await counts()).toEqual(before);
      expect(await sink.dayTotals()).toEqual(totals);
      expect(before.every((n) => n > 0)).toBe(true);
    });

    it('takes the same batches from two connections at once: no duplicate, no error', async () => {
      const days = [tillDay('shop-a', 'T1', DATE), tillDay('shop-a', 'T2', DATE)];
      const batch = days.flatMap((d) => d.records);
      const solo = await another();
      await solo.write(days[0]!.records); // part of it already there
      const [one, two] = [await another(), await another()];
      await Promise.all([
        one.write(batch),
        two.write([...batch].reverse()),
        sink.write(batch),
        one.write(days[1]!.records),
      ]);
      expect(await sink.count('order', 'shop-a')).toBe(days[0]!.orders.length * 2);
      expect(await rows('SELECT COUNT(*) AS n FROM order_lines')).toBe(
        days.flatMap((d) => d.orders).reduce((n, o) => n + o.lines.length, 0),
      );
      expect((await sink.dayTotals()).map((t) => t.net)).toEqual(days.map((d) => d.report.net));
    });

    it('updates a transfer in place when its log grew, never back to a shorter one', async () => {
      const day = tillDay('shop-a', 'T1', DATE);
      const done = day.records.find((r) => r.kind === 'transfer' && r.status === 'done')!;
      await sink.write([day.transferEarly]);
      await sink.write([done]);
      await sink.write([day.transferEarly]);
      const [row] = await harness.query(
        `SELECT status, event_count, order_number, finalised_by FROM transfers WHERE id = '${done.kind === 'transfer' ? done.id : ''}'`,
      );
      expect({ ...row, event_count: Number(row?.event_count) }).toEqual({
        status: 'done',
        event_count: 3,
        order_number: `T1-${DATE}-0001`,
        finalised_by: 'T1',
      });
      expect(await sink.count('transfer', 'shop-a')).toBe(1);
    });

    it('writes a batch whole or not at all', async () => {
      const day = tillDay('shop-a', 'T1', DATE);
      const open = { ...day.orders[0]!, status: 'open' as const };
      await expect(
        sink.write([...day.records, { kind: 'order', meshId: 'shop-a', order: open }]),
      ).rejects.toBeInstanceOf(ArchiveRecordError);
      // refused by the database itself (a kind no table takes), after earlier rows went in
      const bad = { ...day.orders[1]!, id: 'zzz-bad-kind', kind: 'exchange' } as never;
      const records: ArchiveRecord[] = [
        ...day.records,
        { kind: 'order', meshId: 'shop-a', order: bad },
      ];
      await expect(sink.write(records)).rejects.toThrow();
      expect(await counts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    });
  });
}
