/**
 * What every ArchiveSink must do, run against each implementation: schema and
 * migrations (an archive version 1 left upgraded), idempotent and atomic writes
 * (also from two connections at once), reports equal to the cent to the tills'
 * own Z reports, and each till's orders streamed back as signed, to verify.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveRecord, ArchiveSink } from '../../../node/archive/archive-sink.ts';
import type { HeldRecord } from '../../../node/books/verify-books.ts';
import { verifyBooks } from '../../../node/books/verify-books.ts';
import { ed25519 } from '../../../node/signatures.ts';
import {
  ArchiveRecordError,
  ArchiveSchemaTooNewError,
} from '../../../node/archive/archive-errors.ts';
import { tillDay } from './archive-fixtures.ts';
import type { TillDay } from './archive-fixtures.ts';
import type { Order } from '../../../crdt/schema.ts';
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

async function collect(records: AsyncIterable<HeldRecord>): Promise<HeldRecord[]> {
  const all: HeldRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

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
      expect(migrations.map((m) => Number(m.version))).toEqual([1, 2]);
      expect(await sink.count('order', 'shop-a')).toBe(a.orders.length + b.orders.length);
    });

    it('upgrades an archive version 1 left: its orders stay, without a day document, and verify says so', async () => {
      const old = tillDay('shop-a', 'T1', DATE);
      await sink.write(old.records);
      // the archive as posmesh with schema version 1 left it: no doc column, no index on it
      for (const s of [sink, ...others]) await s.stop();
      await harness.query('DROP INDEX orders_by_signer');
      await harness.query('ALTER TABLE orders DROP COLUMN doc');
      await harness.query('DELETE FROM schema_migrations WHERE version = 2');
      await sink.start();
      const versions = await harness.query(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(versions.map((m) => Number(m.version))).toEqual([1, 2]);
      const fresh = tillDay('shop-a', 'T2', DATE);
      await sink.write(fresh.records);
      expect(await sink.count('order', 'shop-a')).toBe(old.orders.length + fresh.orders.length);
      const held = await collect(sink.signedOrders('shop-a', old.orders[0]!.signer!));
      expect(held.map((h) => h.doc)).toEqual(old.orders.map(() => null));
      const report = verifyBooks(held, ed25519);
      const byPlace = (a: { where: string }, b: { where: string }) => (a.where < b.where ? -1 : 1);
      expect(report.unproven.sort(byPlace)).toEqual(
        old.orders.map((o) => ({
          kind: 'unsigned',
          where: o.number,
          detail: 'not known which day document it was signed for',
        })),
      );
      const upgraded = await collect(sink.signedOrders('shop-a', fresh.orders[0]!.signer!));
      expect(verifyBooks(upgraded, ed25519)).toMatchObject({ ok: true, tills: [{ records: 5 }] });
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

    it("streams each till's orders back as signed, with their day document, a page at a time", async () => {
      const [t2, t1, other] = [
        tillDay('shop-a', 'T2', DATE),
        tillDay('shop-a', 'T1', DATE),
        tillDay('shop-b', 'T1', DATE),
      ];
      await sink.write([...t2.records, ...t1.records, ...other.records]);
      const signerOf = (d: TillDay) => d.orders[0]!.signer!;
      expect(await sink.orderSigners('shop-a')).toEqual([signerOf(t1), signerOf(t2)]);
      const byId = (a: HeldRecord, b: HeldRecord) =>
        (a.raw as { id: string }).id < (b.raw as { id: string }).id ? -1 : 1;
      // pages of 2 over 5 orders: the last page is short; every order comes once
      const held = await collect(sink.signedOrders('shop-a', signerOf(t1), 2));
      expect(held).toEqual(t1.orders.map((raw) => ({ raw, doc: t1.doc })).sort(byId));
      expect(await collect(sink.signedOrders('shop-a', signerOf(t1), 5))).toEqual(held);
      expect(await collect(sink.signedOrders('shop-a', signerOf(other)))).toEqual([]);
      expect(await collect(sink.signedOrders('shop-a', null))).toEqual([]);
      const report = verifyBooks(held, ed25519);
      expect(report).toMatchObject({ ok: true, unproven: [] });
      expect(report.tills).toMatchObject([
        { signer: signerOf(t1), codes: ['T1'], records: 5, firstSeq: 1, lastSeq: 5 },
      ]);
      expect(report.tills[0]!.running).toBe(t1.orders.at(-1)!.chain!.running);
    });

    it('keeps the day document in the signature: an order moved to another document no longer verifies', async () => {
      const day = tillDay('shop-a', 'T1', DATE);
      await sink.write(day.records);
      const [moved, orphan] = day.orders as [Order, Order];
      await harness.query(`UPDATE orders SET doc = '${day.doc}-2' WHERE id = '${moved.id}'`);
      await harness.query(`UPDATE orders SET doc = NULL WHERE id = '${orphan.id}'`);
      const report = verifyBooks(
        await collect(sink.signedOrders('shop-a', moved.signer!)),
        ed25519,
      );
      expect(report.ok).toBe(false);
      expect(report.unproven).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'edited', where: moved.number }),
          expect.objectContaining({ kind: 'unsigned', where: orphan.number }),
        ]),
      );
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
        sink.write([
          ...day.records,
          { kind: 'order', meshId: 'shop-a', doc: day.doc, order: open },
        ]),
      ).rejects.toBeInstanceOf(ArchiveRecordError);
      // refused by the database itself (a kind no table takes), after earlier rows went in
      const bad = { ...day.orders[1]!, id: 'zzz-bad-kind', kind: 'exchange' } as never;
      const records: ArchiveRecord[] = [
        ...day.records,
        { kind: 'order', meshId: 'shop-a', doc: day.doc, order: bad },
      ];
      await expect(sink.write(records)).rejects.toThrow();
      expect(await counts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    });
  });
}
