/**
 * The relay's documents on its own database: every live one loaded again, the mesh's
 * registry it trusts, and where the records it refuses are logged. The relay and the
 * simulation's relay both open them here.
 */
import { join } from 'node:path';
import { SETTINGS_DOC } from '../../crdt/documents.ts';
import type { TillRegistry } from '../../crdt/identities.ts';
import { DocHost } from '../docs/doc-host.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../storage/database.ts';
import { openDatabase } from '../storage/database.ts';
import { SqliteUpdateStore } from '../storage/sqlite-update-store.ts';
import type { CountingReporter } from '../till/invalid-records.ts';
import { invalidRecordLogger } from '../till/invalid-records.ts';
import { RELAY_DB_FILE, relayTrust } from './relay-files.ts';

export interface RelayDocuments {
  db: Db;
  store: SqliteUpdateStore;
  docs: DocHost;
  report: CountingReporter;
  trust: TillRegistry;
}

export function openRelayDocuments(
  dataDir: string,
  log: Logger,
  onFatal: (error: unknown) => void,
): RelayDocuments {
  const db = openDatabase(join(dataDir, RELAY_DB_FILE));
  const store = new SqliteUpdateStore(db);
  const docs = new DocHost({ store, log: log.child('docs'), onFatal });
  for (const entry of store.listDocs('live')) docs.open(entry.name);
  const report = invalidRecordLogger(log.child('records'));
  return { db, store, docs, report, trust: relayTrust(docs.open(SETTINGS_DOC), report) };
}
