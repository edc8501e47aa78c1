/**
 * Asks a mesh which tills it has, without joining it: a throwaway libp2p node
 * (its own key, the mesh's secret) finds tills by the configured peers and
 * mDNS (looking, never announcing), syncs their documents into memory and
 * reads the registry. `init --join` picks a free code with it. Nothing is
 * written into the mesh and nothing stays on disk.
 */
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import type { Identity } from '../../crdt/identities.ts';
import { TillRegistry } from '../../crdt/identities.ts';
import { SETTINGS_DOC } from '../../crdt/documents.ts';
import { DiscoveredPeers } from '../../discovery/discovered-peers.ts';
import { posmeshMdns } from '../../discovery/mdns-discovery.ts';
import { DocHost } from '../docs/doc-host.ts';
import type { Logger } from '../log.ts';
import { ed25519 } from '../signatures.ts';
import { MemoryUpdateStore } from '../storage/memory-update-store.ts';
import { Libp2pChannel } from './libp2p-channel.ts';
import { createMeshNode } from './libp2p-node.ts';
import type { MeshSecret } from './mesh-secret.ts';
import { MeshSync } from './mesh-sync.ts';
import { PROTOCOL_VERSION, SYNC_PROTOCOL } from './wire.ts';

export const PROBE_TIMEOUT_MS = 10_000;
/** After the first answer, how long other tills get to answer too. */
const SETTLE_MS = 800;
/** What the probe calls itself in the sync handshake (tills show it while it asks). */
const PROBE_NAME = 'INIT';

export interface ProbeOptions {
  secret: MeshSecret;
  /** Static peers (multiaddrs) to ask. */
  peers: readonly string[];
  /** Look for tills by mDNS too (optionally on one interface). */
  mdns: false | { interface?: string };
  /** Where the probe's own node listens (a host of this machine; any free port). */
  host: string;
  log: Logger;
  timeoutMs?: number;
}

export interface ProbeResult {
  /** The tills that answered (peer ids). */
  answered: string[];
  /** Every registered till they know of, verified by its signature. */
  identities: Identity[];
}

export async function probeMesh(o: ProbeOptions): Promise<ProbeResult> {
  const discovered = new DiscoveredPeers();
  const node = await createMeshNode({
    privateKey: await generateKeyPair('Ed25519'),
    listen: [`/${o.host.includes(':') ? 'ip6' : 'ip4'}/${o.host}/tcp/0`],
    psk: o.secret.psk,
    peerDiscovery: o.mdns
      ? [
          posmeshMdns({
            meshId: o.secret.meshId,
            till: PROBE_NAME,
            protocolVersion: PROTOCOL_VERSION,
            registry: discovered,
            interfaceAddress: o.mdns.interface,
            announce: false,
          }),
        ]
      : [],
  });
  const self = node.peerId.toString();
  const docs = new DocHost({
    store: new MemoryUpdateStore(),
    log: o.log,
    onFatal: () => {},
  });
  const sync = new MeshSync({ self, till: PROBE_NAME, meshId: o.secret.meshId, docs, log: o.log });
  const registry = new TillRegistry(docs.open(SETTINGS_DOC), ed25519, (invalid) =>
    o.log.warn('invalid registry entry ignored', { ...invalid }),
  );
  const open = (peer: string) =>
    node
      .dialProtocol(peerIdFromString(peer), SYNC_PROTOCOL)
      .then((stream) => sync.attach(new Libp2pChannel(stream, peer, self)))
      .catch((error: Error) => o.log.debug('probe stream failed', { peer, error: error.message }));
  await node.handle(SYNC_PROTOCOL, (stream, connection) => {
    const peer = connection.remotePeer.toString();
    sync.attach(new Libp2pChannel(stream, peer, peer));
  });
  // as between tills: the lower peer id opens the sync stream, the other side answers it
  node.addEventListener('peer:connect', (event) => {
    const peer = event.detail.toString();
    if (self < peer) void open(peer);
  });
  const dialed = new Set<string>();
  const dialAll = () => {
    const targets = [
      ...o.peers,
      ...discovered.all().flatMap((d) => d.addresses.map((a) => `${a}/p2p/${d.peerId}`)),
    ];
    for (const target of targets) {
      if (dialed.has(target)) continue;
      dialed.add(target);
      node.dial(multiaddr(target)).catch((error: Error) => {
        dialed.delete(target); // tried again on the next round
        o.log.debug('probe dial failed', { target, error: error.message });
      });
    }
  };
  await node.start();
  try {
    const deadline = Date.now() + (o.timeoutMs ?? PROBE_TIMEOUT_MS);
    let answeredAt: number | undefined;
    while (Date.now() < deadline) {
      dialAll();
      const answered = sync.status().filter((s) => s.lastSyncAt !== null).length > 0;
      if (answered) answeredAt ??= Date.now();
      if (answeredAt !== undefined && Date.now() - answeredAt >= SETTLE_MS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      answered: sync
        .status()
        .filter((s) => s.lastSyncAt !== null)
        .map((s) => s.peer),
      identities: registry.all(),
    };
  } finally {
    registry.destroy();
    sync.stop();
    await node.stop();
  }
}
