/** The PostgreSQL archive's migrations: bigint money, jsonb records, real booleans. */
import type { Migration } from './migration.ts';
import { schemaV1 } from './schema-v1.ts';
import { SCHEMA_V2 } from './schema-v2.ts';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'orders, transfers, cash moves, drawer openings and Z reports',
    sql: schemaV1({ money: 'bigint', json: 'jsonb', bool: 'boolean' }),
  },
  { version: 2, name: 'the day document each order was signed for', sql: SCHEMA_V2 },
];
