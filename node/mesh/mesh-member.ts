/**
 * A member of the mesh that is not a till: a libp2p node with the mesh secret
 * and a key of its own, syncing every document into memory. `init --join`
 * asks the mesh with one; the tests play a hostile device with one. It finds
 * tills by the peers it is given and by mDNS (looking, never announcing) and
 * keeps nothing on disk.
 */
import { generateKeyPair } from '@libp2p/crypto/keys';
import type { Libp2p, PrivateKey } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import { DiscoveredPeers } from '../../discovery/discovered-peers.ts';
import { posmeshMdns } from '../../discovery/mdns-discovery.ts';
import { DocHost } from '../docs/doc-host.ts';
import type { Logger } from '../log.ts';
import { MemoryUpdateStore } from '../storage/memory-update-store.ts';
import { Libp2pChannel } from './libp2p-channel.ts';
import { createMeshNode } from './libp2p-node.ts';
import type { MeshSecret } from './mesh-secret.ts';
import { MeshSync } from './mesh-sync.ts';
import { PROTOCOL_VERSION, SYNC_PROTOCOL } from './wire.ts';

export interface MemberOptions {
  secret: MeshSecret;
  /** Tills to dial (multiaddrs). */
  peers: readonly string[];
  /** Look for tills by mDNS too (optionally on one interface). */
  mdns: false | { interface?: string };
  /** Where its node listens (a host of this machine; any free port). */
  host: string;
  /** What it calls itself in the sync handshake (tills show it while it is there). */
  name: string;
  log: Logger;
  /** Its key; a new one when absent. */
  privateKey?: PrivateKey;
}

export interface MeshMember {
  readonly node: Libp2p;
  readonly sync: MeshSync;
  readonly docs: DocHost;
  readonly peerId: string;
  /** Dials the given peers and those mDNS found that are not dialled yet. */
  dial(): void;
  /** Peers that answered with their documents at least once. */
  answered(): string[];
  stop(): Promise<void>;
}

export async function startMeshMember(o: MemberOptions): Promise<MeshMember> {
  const discovered = new DiscoveredPeers();
  const node = await createMeshNode({
    privateKey: o.privateKey ?? (await generateKeyPair('Ed25519')),
    listen: [`/${o.host.includes(':') ? 'ip6' : 'ip4'}/${o.host}/tcp/0`],
    psk: o.secret.psk,
    peerDiscovery: o.mdns
      ? [
          posmeshMdns({
            meshId: o.secret.meshId,
            till: o.name,
            protocolVersion: PROTOCOL_VERSION,
            registry: discovered,
            interfaceAddress: o.mdns.interface,
            announce: false,
          }),
        ]
      : [],
  });
  const self = node.peerId.toString();
  const docs = new DocHost({ store: new MemoryUpdateStore(), log: o.log, onFatal: () => {} });
  const sync = new MeshSync({ self, till: o.name, meshId: o.secret.meshId, docs, log: o.log });
  const open = (peer: string) =>
    node
      .dialProtocol(peerIdFromString(peer), SYNC_PROTOCOL)
      .then((stream) => sync.attach(new Libp2pChannel(stream, peer, self)))
      .catch((error: Error) => o.log.debug('sync stream failed', { peer, error: error.message }));
  await node.handle(SYNC_PROTOCOL, (stream, connection) => {
    const peer = connection.remotePeer.toString();
    sync.attach(new Libp2pChannel(stream, peer, peer));
  });
  // as between tills: the lower peer id opens the sync stream, the other side answers it
  node.addEventListener('peer:connect', (event) => {
    const peer = event.detail.toString();
    if (self < peer) void open(peer);
  });
  await node.start();
  const dialed = new Set<string>();
  return {
    node,
    sync,
    docs,
    peerId: self,
    dial() {
      const targets = [
        ...o.peers,
        ...discovered.all().flatMap((d) => d.addresses.map((a) => `${a}/p2p/${d.peerId}`)),
      ];
      for (const target of targets) {
        if (dialed.has(target)) continue;
        dialed.add(target);
        node.dial(multiaddr(target)).catch((error: Error) => {
          dialed.delete(target); // tried again on the next call
          o.log.debug('dial failed', { target, error: error.message });
        });
      }
    },
    answered: () =>
      sync
        .status()
        .filter((s) => s.lastSyncAt !== null)
        .map((s) => s.peer),
    async stop() {
      sync.stop();
      await node.stop();
    },
  };
}
