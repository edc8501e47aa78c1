/** A till database as an older posmesh left it: every migration before the one `marker` names. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Db } from '../../node/storage/database.ts';
import { MIGRATIONS } from '../../node/storage/database.ts';

/** Writes the older schema to `dir`, lets `fill` put rows in it, and returns the file. */
export function olderDatabase(dir: string, marker: string, fill: (db: Db) => void): string {
  const before = MIGRATIONS.findIndex((sql) => sql.includes(marker));
  if (before < 0) throw new Error(`no migration mentions ${marker}`);
  const file = join(dir, 'till.db');
  const old = new Database(file);
  for (const sql of MIGRATIONS.slice(0, before)) old.exec(sql);
  old.pragma(`user_version = ${before}`);
  fill(old);
  old.close();
  return file;
}
