/**
 * The relay: a peer of the mesh with the same secret, key binding and
 * signature checks as a till, but no till code and no cashier. It keeps every
 * document on disk (closed days included, which tills retire), passes updates
 * between tills that only reach it (two branches on two networks), archives
 * finished business, and says how the archive is doing in its presence, so
 * every till's status page shows it.
 */
import { join } from 'node:path';
import { STAFF_DOC } from '../../crdt/documents.ts';
import { StaffDirectory } from '../../crdt/staff.ts';
import type { MeshStatus } from '../../crdt/status.ts';
import type { ArchiveSink } from '../archive/archive-sink.ts';
import { loadOrCreateOperatorToken, TillAuth } from '../auth/till-auth.ts';
import { ensureDataDir } from '../config/load-config.ts';
import type { RelayConfig } from '../config/relay-schema.ts';
import type { DocHost } from '../docs/doc-host.ts';
import { loadOrCreateIdentity } from '../identity.ts';
import type { Logger } from '../log.ts';
import { Mesh } from '../mesh/mesh.ts';
import { readMeshSecret } from '../mesh/mesh-secret.ts';
import { tillSigner } from '../signatures.ts';
import type { Db } from '../storage/database.ts';
import type { SqliteUpdateStore } from '../storage/sqlite-update-store.ts';
import type { ArchiverStatus } from './archiver.ts';
import { Archiver } from './archiver.ts';
import { RELAY_DB_FILE, relaySecretFile } from './relay-files.ts';
import { openRelayDocuments } from './relay-documents.ts';

export { RELAY_DB_FILE };

/** How often the relay tells the mesh how its archive is doing. */
export const ARCHIVE_PRESENCE_MS = 2_000;

export interface RelayStatus {
  relay: { name: string; peerId: string; meshId: string; role: 'relay' };
  archive: ArchiverStatus & { target: string };
  docs: Array<{ name: string; bytes: number; updates: number }>;
  mesh: MeshStatus;
  uptimeMs: number;
}

export class Relay {
  private readonly startedAt = Date.now();

  private constructor(
    readonly config: RelayConfig,
    readonly auth: TillAuth,
    readonly mesh: Mesh,
    private readonly docs: DocHost,
    private readonly store: SqliteUpdateStore,
    private readonly archiver: Archiver,
    private readonly sink: ArchiveSink,
    private readonly db: Db,
    private readonly meshId: string,
    private readonly timer: NodeJS.Timeout,
  ) {}

  /** `openSink` opens the archive the config names (SQLite or PostgreSQL). */
  static async start(
    config: RelayConfig,
    openSink: (config: RelayConfig) => ArchiveSink,
    log: Logger,
  ): Promise<Relay> {
    ensureDataDir(config);
    // a relay joins a mesh, it never starts one: the secret comes from a till
    const secret = readMeshSecret(relaySecretFile(config));
    const identity = await loadOrCreateIdentity(config.dataDir);
    const { db, store, docs, report, trust } = openRelayDocuments(config.dataDir, log, (error) => {
      log.error('an update could not be stored: the relay stops', { error: String(error) });
      process.exit(70);
    });
    const staff = new StaffDirectory(docs.open(STAFF_DOC), report);
    const auth = new TillAuth(staff, loadOrCreateOperatorToken(config.dataDir), log.child('auth'));
    const sink = openSink(config);
    await sink.start();
    const mesh = await Mesh.start({
      host: {
        code: config.name,
        name: config.name,
        role: 'relay',
        privateKey: identity.privateKey,
        docs,
        now: Date.now,
        signedIn: () => auth.sessions.activeNames(),
        forwardPeerUpdates: true,
      },
      config: config.mesh,
      secret,
      log: log.child('mesh'),
    });
    const archiver = new Archiver({
      meshId: secret.meshId,
      signer: tillSigner(identity),
      docs,
      sink,
      trust,
      report,
      log: log.child('archive'),
    });
    await archiver.start();
    const share = () => {
      const s = archiver.status();
      mesh.presence.update({
        archive: {
          lastArchivedAt: s.lastArchivedAt,
          lagMs: s.lagMs,
          pending: s.pending,
          error: s.lastError,
        },
      });
    };
    share();
    const timer = setInterval(share, ARCHIVE_PRESENCE_MS);
    timer.unref();
    log.info('relay started', {
      name: config.name,
      peerId: identity.peerId,
      meshId: secret.meshId,
    });
    return new Relay(config, auth, mesh, docs, store, archiver, sink, db, secret.meshId, timer);
  }

  status(): RelayStatus {
    return {
      relay: {
        name: this.config.name,
        peerId: this.mesh.node.peerId.toString(),
        meshId: this.meshId,
        role: 'relay',
      },
      archive: { ...this.archiver.status(), target: archiveTarget(this.config) },
      docs: this.store.listDocs('live'),
      mesh: this.mesh.status(),
      uptimeMs: Date.now() - this.startedAt,
    };
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.archiver.stop();
    await this.mesh.stop();
    await this.sink.stop();
    this.docs.close();
    this.db.close();
  }
}

/** Where the archive is, without a password. */
export function archiveTarget(config: RelayConfig): string {
  if ('sqlite' in config.archive) return `sqlite ${join(config.dataDir, config.archive.sqlite)}`;
  const url = new URL(config.archive.postgres);
  url.password = '';
  return `postgres ${url.toString()}`;
}
