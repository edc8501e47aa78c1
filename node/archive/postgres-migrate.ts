/**
 * Brings a PostgreSQL archive to the newest schema. Relays of several shops may
 * start at once against one database: a session advisory lock lets one migrate
 * while the others wait, then find nothing left to do. Each migration commits
 * with its schema_migrations row, in its own transaction.
 */
import type pg from 'pg';
import {
  INSERT_MIGRATION_SQL,
  MIGRATIONS_TABLE_SQL,
  pendingMigrations,
} from './migrations/migration.ts';
import { POSTGRES_MIGRATIONS } from './migrations/postgres.ts';

/** The advisory lock key of archive migrations ("posm" in ASCII), any fixed bigint would do. */
const MIGRATION_LOCK_KEY = 0x706f736d;

const param = (n: number) => `$${n}`;

export async function migratePostgres(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await client.query(MIGRATIONS_TABLE_SQL);
    const applied = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations',
    );
    const pending = pendingMigrations(
      POSTGRES_MIGRATIONS,
      applied.rows.map((r) => r.version),
    );
    for (const migration of pending) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(INSERT_MIGRATION_SQL(param), [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
