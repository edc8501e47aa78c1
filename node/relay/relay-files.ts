/**
 * What a relay keeps in its data directory, and what of it can be read without
 * starting the relay: the mesh secret it joined with, and the mesh's till
 * registry in its document database. `posmesh verify` on a relay's archive
 * checks signatures against that registry, the one the relay's own archiver
 * trusted, while the relay may be running beside it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as Y from 'yjs';
import { SETTINGS_DOC } from '../../crdt/documents.ts';
import { TillRegistry } from '../../crdt/identities.ts';
import type { InvalidReporter } from '../../crdt/records.ts';
import type { RelayConfig } from '../config/relay-schema.ts';
import { readStoredDoc } from '../docs/doc-host.ts';
import { ed25519 } from '../signatures.ts';
import { openDatabase } from '../storage/database.ts';
import { SqliteUpdateStore } from '../storage/sqlite-update-store.ts';

export const RELAY_DB_FILE = 'relay.db';

export const relaySecretFile = (config: Pick<RelayConfig, 'dataDir' | 'mesh'>): string =>
  resolve(config.dataDir, config.mesh.secretFile);

/** Which till owns which key, from the mesh's settings document: what the relay trusts. */
export const relayTrust = (settings: Y.Doc, report: InvalidReporter): TillRegistry =>
  new TillRegistry(settings, ed25519, report);

/** The relay's database holds no documents yet: it never ran with this data directory. */
export class RelayNeverStartedError extends Error {
  override readonly name = 'RelayNeverStartedError';

  constructor(readonly file: string) {
    super(`${file}: no relay database: start the relay once, so it learns the mesh's tills`);
  }
}

/**
 * The registry as the relay last stored it. One read transaction: a running relay
 * compacting the document meanwhile cannot leave a snapshot without its updates.
 */
export function storedRelayTrust(config: Pick<RelayConfig, 'dataDir'>): TillRegistry {
  const file = join(config.dataDir, RELAY_DB_FILE);
  if (!existsSync(file)) throw new RelayNeverStartedError(file);
  const db = openDatabase(file);
  try {
    const store = new SqliteUpdateStore(db);
    const settings = db.transaction(() => readStoredDoc(store, SETTINGS_DOC))();
    // an invalid registry entry counts for no till; the relay's log already said why
    return relayTrust(settings, () => undefined);
  } finally {
    db.close();
  }
}
