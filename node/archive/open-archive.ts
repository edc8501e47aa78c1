/** The archive a relay's config names: SQLite in its data directory, or a PostgreSQL server. */
import { join } from 'node:path';
import type { RelayConfig } from '../config/relay-schema.ts';
import type { ArchiveSink } from './archive-sink.ts';
import { PostgresArchiveSink } from './postgres-archive-sink.ts';
import { SqliteArchiveSink } from './sqlite-archive-sink.ts';

export function openArchiveSink(config: Pick<RelayConfig, 'archive' | 'dataDir'>): ArchiveSink {
  return 'sqlite' in config.archive
    ? new SqliteArchiveSink(join(config.dataDir, config.archive.sqlite))
    : new PostgresArchiveSink({ url: config.archive.postgres });
}
