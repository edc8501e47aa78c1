/**
 * Versioned schema migrations, the same scheme for both databases: a
 * schema_migrations table lists the versions applied; each missing one runs in
 * its own transaction together with its row there, so a crash leaves a
 * migration either whole or absent, and running them again changes nothing.
 */
import { ArchiveSchemaTooNewError } from '../archive-errors.ts';

export interface Migration {
  /** 1, 2, 3...: applied in this order, each once, never edited once released. */
  version: number;
  name: string;
  sql: string;
}

/** Created before anything else, in SQL both databases accept. */
export const MIGRATIONS_TABLE_SQL = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at text NOT NULL
  )`;

export const INSERT_MIGRATION_SQL = (param: (n: number) => string) =>
  `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${param(1)}, ${param(2)}, ${param(3)})`;

/** The migrations still to run, or an error when the database is ahead of this code. */
export function pendingMigrations(
  all: readonly Migration[],
  applied: readonly number[],
): Migration[] {
  const newest = Math.max(0, ...applied);
  if (newest > all.length) throw new ArchiveSchemaTooNewError(newest, all.length);
  const done = new Set(applied);
  return all.filter((m) => !done.has(m.version));
}
