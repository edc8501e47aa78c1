import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ArchiveUnavailableError } from '../../../node/archive/archive-errors.ts';
import { SqliteArchiveSink } from '../../../node/archive/sqlite-archive-sink.ts';
import { tempDir } from '../../helpers/till.ts';
import { runArchiveSinkContract } from './archive-sink-contract.ts';

runArchiveSinkContract('SQLite', async () => {
  const dir = tempDir('posmesh-archive-');
  const file = join(dir.path, 'archive.db');
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  return {
    open: () => new SqliteArchiveSink(file),
    query: async (sql) =>
      /^\s*select/i.test(sql)
        ? (db.prepare(sql).all() as Array<Record<string, unknown>>)
        : (db.prepare(sql).run(), []),
    cleanup: async () => {
      db.close();
      dir.remove();
    },
  };
});

describe('SQLite archive', () => {
  it('says which file it cannot open, and why', async () => {
    const file = '/nonexistent-dir/archive.db';
    const error = await new SqliteArchiveSink(file).start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveUnavailableError);
    expect((error as ArchiveUnavailableError).where).toBe(file);
    expect((error as Error).message).toMatch(/nonexistent-dir.*directory does not exist/);
  });

  it('keeps its file in WAL mode with full sync', async () => {
    const dir = tempDir('posmesh-archive-');
    const sink = new SqliteArchiveSink(join(dir.path, 'archive.db'));
    await sink.start();
    const db = new Database(join(dir.path, 'archive.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    await sink.stop();
    dir.remove();
  });
});
