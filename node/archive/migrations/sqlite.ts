/**
 * The SQLite archive's migrations, version for version the PostgreSQL ones.
 * SQLite's integer is 64-bit like bigint, so money sums stay exact; booleans
 * are 0 or 1; the signed record is JSON text.
 */
import type { Migration } from './migration.ts';
import { schemaV1 } from './schema-v1.ts';
import { SCHEMA_V2 } from './schema-v2.ts';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'orders, transfers, cash moves, drawer openings and Z reports',
    sql: schemaV1({ money: 'integer', json: 'text', bool: 'integer' }),
  },
  { version: 2, name: 'the day document each order was signed for', sql: SCHEMA_V2 },
];
