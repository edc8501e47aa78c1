/**
 * WAL checkpoints between sales: the log is copied back into the database after the
 * event loop turn of a payment (or of many commits), so the log file stays short and
 * is reused from its start, and SQLite's own checkpoint is only the bound.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../node/storage/database.ts';
import { SqliteUpdateStore } from '../../../node/storage/sqlite-update-store.ts';
import {
  AUTOCHECKPOINT_PAGES,
  CHECKPOINT_AFTER_ANY_COMMITS,
  CHECKPOINT_AFTER_COMMITS,
} from '../../../node/storage/wal-checkpoints.ts';
import { tempDir } from '../../helpers/till.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const PAGE = 4096;
const ROUNDS = 20;

function opened() {
  const dir = tempDir();
  const file = join(dir.path, 'test.db');
  const db = openDatabase(file);
  const store = new SqliteUpdateStore(db);
  // a page per update: each commit adds at least one page to the log
  const update = new Uint8Array(PAGE).fill(7);
  return { dir, db, store, update, walBytes: () => statSync(`${file}-wal`).size };
}

describe('WAL checkpoints', () => {
  it("leave SQLite's own checkpoint as the bound only", () => {
    const { dir, db, store } = opened();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(AUTOCHECKPOINT_PAGES);
    store.close();
    dir.remove();
  });

  /** The log's size after `ROUNDS` rounds of commits, with a turn of the event loop between rounds or not. */
  async function logAfter(commits: number, relaxed: boolean, turns: boolean): Promise<number> {
    const { dir, store, update, walBytes } = opened();
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < commits; i++)
        store.transaction(() => store.append('day', update), { relaxed });
      if (turns) await turn();
    }
    const bytes = walBytes();
    store.close();
    dir.remove();
    return bytes;
  }

  it('copy the log back after payments, so it is reused from its start', async () => {
    // without a turn, no checkpoint: every commit's pages are still in the log
    const never = await logAfter(CHECKPOINT_AFTER_COMMITS, false, false);
    expect(await logAfter(CHECKPOINT_AFTER_COMMITS, false, true)).toBeLessThan(never / 4);
  });

  it('copy it back after many relaxed commits too (a peer-heavy relay)', async () => {
    const never = await logAfter(CHECKPOINT_AFTER_ANY_COMMITS, true, false);
    expect(await logAfter(CHECKPOINT_AFTER_ANY_COMMITS, true, true)).toBeLessThan(never / 4);
  });
});
