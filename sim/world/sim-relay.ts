/**
 * The relay of the simulated shop, put together as node/relay/relay.ts does it
 * (its documents on SQLite, the mesh's registry as trust, the real Archiver
 * into a real SQLite archive) but on the simulated network: every till dials
 * it whatever the topology, and it passes on what one till sends to the
 * others. It never crashes here; partitions and cut links reach it like any
 * till. No HTTP, no sign-in: nothing in the books depends on them.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import * as Y from 'yjs';
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys';
import type { TillRegistry } from '../../crdt/identities.ts';
import { SqliteArchiveSink } from '../../node/archive/sqlite-archive-sink.ts';
import { MeshSync } from '../../node/mesh/mesh-sync.ts';
import { isAhead } from '../../node/mesh/sync-status.ts';
import { Presence } from '../../node/mesh/presence.ts';
import { Archiver } from '../../node/relay/archiver.ts';
import { openRelayDocuments } from '../../node/relay/relay-documents.ts';
import { tillSigner } from '../../node/signatures.ts';
import type { DocHost } from '../../node/docs/doc-host.ts';
import type { Db } from '../../node/storage/database.ts';
import type { Listener } from '../net/network.ts';
import type { SimChannel } from '../net/sim-channel.ts';
import type { TillWorld } from './sim-till.ts';
import { SIM_MESH_ID } from './sim-mesh.ts';

export interface RelaySpec {
  identityKey: Uint8Array;
  peerId: string;
  root: string;
}

export class SimRelay implements Listener {
  readonly host = 'R1';
  readonly peerId: string;
  sink: SqliteArchiveSink | undefined;
  trust: TillRegistry | undefined;
  private sync: MeshSync | undefined;
  private archiver: Archiver | undefined;
  private docs: DocHost | undefined;
  private db: Db | undefined;

  constructor(
    private readonly world: TillWorld,
    private readonly spec: RelaySpec,
  ) {
    this.peerId = spec.peerId;
  }

  /** Where tills dial it (as mesh.relays names it in a till's config). */
  get address(): string {
    return `/sim/${this.host}/p2p/${this.peerId}`;
  }

  async start(): Promise<void> {
    const dir = join(this.spec.root, this.host);
    mkdirSync(dir, { recursive: true });
    const log = this.world.log(this.host);
    const { db, docs, report, trust } = openRelayDocuments(dir, log, (error) =>
      this.world.fail(this.host, error),
    );
    this.db = db;
    this.docs = docs;
    this.trust = trust;
    this.sink = new SqliteArchiveSink(join(dir, 'archive.db'));
    await this.sink.start();
    const presence = new Presence({
      till: this.host,
      name: 'Relay',
      peerId: this.peerId,
      staff: [],
      role: 'relay',
    });
    this.sync = new MeshSync({
      self: this.peerId,
      till: this.host,
      meshId: SIM_MESH_ID,
      docs,
      log: log.child('sync'),
      presence,
      forwardPeerUpdates: true,
    });
    const privateKey = privateKeyFromProtobuf(this.spec.identityKey);
    this.archiver = new Archiver({
      meshId: SIM_MESH_ID,
      signer: tillSigner({ privateKey, peerId: this.peerId }),
      docs,
      sink: this.sink,
      trust,
      report,
      log: log.child('archive'),
      now: () => Math.floor(this.world.scheduler.now),
    });
    await this.archiver.start();
    this.world.network.hostUp(this.host);
  }

  /** Whether it holds everything of `doc` that `state` (a till's state vector) does, and archived it. */
  holds(doc: string, state: Uint8Array): boolean {
    if (!this.docs || !this.archiver || this.archiver.status().pending > 0) return false;
    const local = this.docs.get(doc);
    return local ? !isAhead(state, Y.encodeStateVector(local)) : this.docs.isClosed(doc);
  }

  accept(channel: SimChannel): void {
    if (this.sync) this.sync.attach(channel);
    else channel.close('relay not running');
  }

  stop(): void {
    void this.archiver?.stop();
    this.sync?.stop();
    this.docs?.close();
    void this.sink?.stop();
    this.db?.close();
  }
}
