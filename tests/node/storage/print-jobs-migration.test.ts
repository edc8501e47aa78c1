/**
 * The migration that lets the printer queue hold reports and test pages, run
 * on a database an older posmesh left with tickets in it: every ticket keeps
 * its id and state, new ones carry on after them, and a report can be queued.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDatabase } from '../../../node/storage/database.ts';
import type { Db } from '../../../node/storage/database.ts';
import { SqlitePrintQueueStore } from '../../../node/storage/sqlite-print-queue-store.ts';
import { olderDatabase } from '../../helpers/older-database.ts';
import { tempDir } from '../../helpers/till.ts';

const dirs: Array<ReturnType<typeof tempDir>> = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

function previousDatabase(): string {
  const dir = tempDir();
  dirs.push(dir);
  // the migration that rebuilds the queue's table
  return olderDatabase(dir.path, 'print_jobs_next', (old) => {
    const add = old.prepare(
      `INSERT INTO print_jobs (kind, order_id, label, created_at, state, attempts, last_error, drawer, released, done_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    add.run('receipt', 'o-1', 'T1-20261201-0001', 100, 'done', 1, null, 'kicked', 0, 150);
    add.run('copy', 'o-1', 'T1-20261201-0001', 200, 'held', 3, 'paper out', 'none', 0, null);
    add.run('receipt', 'o-2', 'T1-20261201-0002', 300, 'waiting', 0, null, 'pending', 0, null);
    // the old schema refuses a report: that is what the migration is for
    expect(() => add.run('report', '', 'X', 400, 'waiting', 0, null, 'none', 0, null)).toThrow(
      /CHECK constraint/,
    );
  });
}

describe('print queue migration', () => {
  it('keeps every ticket of an older database and takes reports afterwards', () => {
    const db = openDatabase(previousDatabase());
    dbs.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const store = new SqlitePrintQueueStore(db);
    expect(store.list().map((j) => [j.id, j.kind, j.state, j.drawer, j.payload])).toEqual([
      [3, 'receipt', 'waiting', 'pending', null],
      [2, 'copy', 'held', 'none', null],
      [1, 'receipt', 'done', 'kicked', null],
    ]);
    expect(store.get(2)).toMatchObject({ attempts: 3, lastError: 'paper out', doneAt: null });
    expect(store.get(1)).toMatchObject({ createdAt: 100, doneAt: 150 });
    expect(store.next()?.id).toBe(3);
    const report = store.add({
      kind: 'report',
      orderId: '',
      label: 'X T1 2026-12-01',
      createdAt: 500,
      drawer: 'none',
      payload: '{"net":0}',
    });
    expect(report).toMatchObject({ id: 4, kind: 'report', payload: '{"net":0}' });
    expect(
      store.add({ kind: 'test', orderId: '', label: 't', createdAt: 600, drawer: 'none' }).id,
    ).toBe(5);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('opens a migrated database again without running the migration twice', () => {
    const file = previousDatabase();
    openDatabase(file).close();
    const db = openDatabase(file);
    dbs.push(db);
    expect(new SqlitePrintQueueStore(db).counts()).toEqual({ waiting: 1, held: 1 });
  });
});
