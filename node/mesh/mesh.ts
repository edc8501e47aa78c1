/**
 * The mesh: a libp2p node (TCP, Noise, Yamux, private network keyed by the mesh
 * secret), mDNS and static-peer discovery, a redial loop, one sync session per
 * peer, presence, and the status the manager sees.
 */
import type { Libp2p, PrivateKey } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import { parseDocName } from '../../crdt/documents.ts';
import { DiscoveredPeers } from '../../discovery/discovered-peers.ts';
import { posmeshMdns } from '../../discovery/mdns-discovery.ts';
import { isBounded } from './topology.ts';
import type { MeshConfig } from '../config/schema.ts';
import type { DocHost } from '../docs/doc-host.ts';
import type { UpdateOrigin } from '../docs/origins.ts';
import { takeClosedDayUpdate } from '../till/closed-day-updates.ts';
import type { Logger } from '../log.ts';
import type { Till } from '../till/till.ts';
import { Libp2pChannel } from './libp2p-channel.ts';
import { createMeshNode } from './libp2p-node.ts';
import type { MeshSecret } from './mesh-secret.ts';
import { MeshSync } from './mesh-sync.ts';
import { Presence } from './presence.ts';
import type { MeshPeerStatus, MeshStatus, TillPresence } from '../../crdt/status.ts';

import type { DialTarget } from './redialer.ts';
import { Redialer } from './redialer.ts';
import { ASYMMETRY_GRACE_MS, planDials, splitPeerAddress } from './dial-plan.ts';
import { PROTOCOL_VERSION, SYNC_PROTOCOL } from './wire.ts';

export const PRESENCE_REFRESH_MS = 5_000;
/** How often a till tells the others what its clock says. */
export const CLOCK_SHARE_MS = 15_000;

/** What the mesh needs of the peer it runs for: a till, or the relay. */
export interface MeshHost {
  /** What the mesh calls this peer: a till's code, the relay's name. */
  code: string;
  name: string;
  role: TillPresence['role'];
  privateKey: PrivateKey;
  docs: DocHost;
  now: () => number;
  /** Who is signed in here, for the other tills' status pages. */
  signedIn: () => string[];
  /** A peer's update landed in a document. */
  onPeerUpdate?: (doc: string) => void;
  /** Runs in the commit of each peer update (the till writes back its own records there). */
  inPeerCommit?: () => void;
  /** A peer's update to a document closed here. */
  onClosedUpdate?: (doc: string, update: Uint8Array, origin: UpdateOrigin) => void;
  /** A hub (the relay) passes on what one peer sends to the others: tills behind it meet. */
  forwardPeerUpdates?: boolean;
}

/** A till in the mesh: it journals other tills' closed days as they arrive. */
export function tillMeshHost(till: Till): MeshHost {
  return {
    code: till.code,
    name: till.config.till.name,
    role: 'till',
    privateKey: till.identity.privateKey,
    docs: till.ctx.docs,
    now: () => till.ctx.now(),
    signedIn: () => till.auth.sessions.activeNames(),
    onPeerUpdate: (doc) => {
      if (parseDocName(doc)?.kind === 'day') till.days.absorbPeerDay(doc);
    },
    inPeerCommit: () => till.ctx.guard.settle(),
    onClosedUpdate: (doc, update, origin) => takeClosedDayUpdate(till.ctx, doc, update, origin),
  };
}

/** What the sync engine calls on a host: the same wherever a till's MeshSync is made. */
export function syncHooks(
  host: MeshHost,
): Pick<MeshHost, 'onPeerUpdate' | 'inPeerCommit' | 'onClosedUpdate'> {
  const { onPeerUpdate, inPeerCommit, onClosedUpdate } = host;
  return { onPeerUpdate, inPeerCommit, onClosedUpdate };
}

export interface MeshOptions {
  host: MeshHost;
  config: MeshConfig;
  secret: MeshSecret;
  log: Logger;
}

/**
 * The mesh could not listen where the config says (a port another process holds, an
 * address this machine does not have): a config problem, in words, naming the field.
 */
export class MeshListenError extends Error {
  override readonly name = 'MeshListenError';

  /** libp2p reports every address it could not listen on in one message: one problem each. */
  static from(error: unknown, listen: readonly string[]): MeshListenError | undefined {
    if (!(error instanceof Error && error.name === 'UnsupportedListenAddressesError')) return;
    const { message } = error;
    const problems = [...message.matchAll(/^ {2}(\/\S+): (.*)$/gm)].map(([, address, reason]) =>
      listenProblem(address!, reason!),
    );
    if (problems.length === 0)
      problems.push(
        `mesh.listen: cannot listen on ${listen.join(', ')}: ${message.split('\n')[0]}`,
      );
    return new MeshListenError(problems.join('\n'), problems);
  }

  private constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}

function listenProblem(address: string, reason: string): string {
  const code = /\b(E[A-Z]{3,})\b/.exec(reason)?.[1];
  const port = /\/tcp\/(\d+)/.exec(address)?.[1];
  const host = /^\/(?:ip4|ip6|dns4|dns6|dns)\/([^/]+)/.exec(address)?.[1];
  const why =
    code === 'EADDRINUSE'
      ? `port ${port} is already in use on this machine (another till? give each its own port)`
      : code === 'EADDRNOTAVAIL'
        ? `${host} is not an address of this machine`
        : code === 'EACCES'
          ? `no permission to listen on port ${port} (below 1024 needs privileges)`
          : `cannot listen: ${reason.replace(/^Error: /, '')}`;
  return `mesh.listen: ${address}: ${why}`;
}

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

/** Where connected peers are: the address dialled, and what they announced (identify). */
function connectedAddresses(node: Libp2p, announced: ReadonlyMap<string, string[]>): Set<string> {
  const addresses = new Set<string>();
  for (const connection of node.getConnections()) {
    addresses.add(connection.remoteAddr.toString().split('/p2p/')[0]!);
    for (const address of announced.get(connection.remotePeer.toString()) ?? [])
      addresses.add(address);
  }
  return addresses;
}

export class Mesh {
  private constructor(
    readonly node: Libp2p,
    readonly sync: MeshSync,
    readonly presence: Presence,
    private readonly discovered: DiscoveredPeers,
    private readonly redialer: Redialer,
    private readonly staticPeers: string[],
    private readonly meshId: string,
    private readonly presenceTimer: NodeJS.Timeout,
  ) {}

  static async start({ host, config, secret, log }: MeshOptions): Promise<Mesh> {
    const discovered = new DiscoveredPeers();
    const mdns: { interface?: string } | undefined =
      config.mdns === false ? undefined : config.mdns === true ? {} : config.mdns;
    const peerDiscovery = mdns
      ? [
          posmeshMdns({
            meshId: secret.meshId,
            till: host.code,
            protocolVersion: PROTOCOL_VERSION,
            registry: discovered,
            interfaceAddress: mdns.interface,
            log: (msg, fields) => log.child('mdns').info(msg, fields),
          }),
        ]
      : [];
    let node: Libp2p;
    try {
      node = await createMeshNode({
        privateKey: host.privateKey,
        listen: config.listen,
        psk: secret.psk,
        peerDiscovery,
      });
    } catch (error) {
      throw MeshListenError.from(error, config.listen) ?? error;
    }
    const self = node.peerId.toString();
    const presence = new Presence({
      till: host.code,
      name: host.name,
      peerId: self,
      staff: [],
      role: host.role,
    });
    // every peer this till knows of: configured by id, found by mDNS, or online through others
    const configured = config.peers.flatMap((entry) => splitPeerAddress(entry).peerId ?? []);
    const knownPeers = () =>
      new Set([
        ...configured,
        ...discovered.all().map((p) => p.peerId),
        ...presence.online().map((p) => p.peerId),
        self,
      ]);
    const sync = new MeshSync({
      self,
      till: host.code,
      meshId: secret.meshId,
      docs: host.docs,
      log: log.child('sync'),
      presence,
      ...syncHooks(host),
      // past a full mesh's size tills reach most others through a neighbour: pass things on
      forwardPeerUpdates: () => !!host.forwardPeerUpdates || isBounded(knownPeers().size),
    });
    const openSession = async (peer: string): Promise<void> => {
      const stream = await node.dialProtocol(peerIdFromString(peer), SYNC_PROTOCOL);
      sync.attach(new Libp2pChannel(stream, peer, self));
    };
    await node.handle(
      SYNC_PROTOCOL,
      (stream, connection) => {
        const peer = connection.remotePeer.toString();
        sync.attach(new Libp2pChannel(stream, peer, peer));
      },
      { maxInboundStreams: 4 },
    );
    node.addEventListener('peer:connect', (event) => {
      const peer = event.detail.toString();
      // one side opens the sync stream: the lower peer id (the other waits, then steps in)
      if (self < peer)
        openSession(peer).catch((error: Error) =>
          log.warn('sync stream failed', { peer, error: error.message }),
        );
    });
    await node.start();

    const firstSeen = new Map<string, number>();
    const opening = new Set<string>();
    const announced = new Map<string, string[]>();
    node.addEventListener('peer:identify', (event) => {
      announced.set(
        event.detail.peerId.toString(),
        event.detail.listenAddrs.map((a) => a.toString().split('/p2p/')[0]!),
      );
    });
    const targets = (): DialTarget[] => {
      const now = Date.now();
      // connected without a sync session for a while (the lower side never opened one): open it
      for (const connection of node.getConnections()) {
        const peer = connection.remotePeer.toString();
        if (opening.has(peer) || sync.connectedPeers().includes(peer)) continue;
        if (now - connection.timeline.open <= ASYMMETRY_GRACE_MS) continue;
        opening.add(peer);
        openSession(peer)
          .catch(() => {})
          .finally(() => opening.delete(peer));
      }
      return planDials({
        self,
        staticPeers: config.peers,
        relays: config.relays,
        discovered: discovered.all(),
        connectedAddresses: connectedAddresses(node, announced),
        firstSeen,
        now,
      }).map((planned) => ({
        key: planned.key,
        peerId: planned.peerId,
        dial: async () =>
          (
            await node.dial(
              planned.address ? multiaddr(planned.address) : peerIdFromString(planned.peerId!),
            )
          ).remotePeer.toString(),
      }));
    };
    const redialer = new Redialer(
      targets,
      (peerId) => node.getConnections(peerIdFromString(peerId)).length > 0,
      (target, error, retryInMs) =>
        log.debug('dial failed', { target, error: error.message, retryInMs }),
    );
    redialer.start();
    const presenceTimer = setInterval(() => {
      const staff = host.signedIn();
      const local = presence.awareness.getLocalState() as TillPresence | null;
      // this till's clock, now and then: a peer whose clock is far off shows on the status page
      const stale = host.now() - (local?.time ?? 0) >= CLOCK_SHARE_MS;
      if (staff.join('\n') !== (local?.staff ?? []).join('\n') || stale)
        presence.update({ staff, time: host.now() });
    }, PRESENCE_REFRESH_MS);
    presenceTimer.unref();
    log.info('mesh started', {
      peerId: self,
      meshId: secret.meshId,
      listen: node.getMultiaddrs().map((a) => a.toString()),
      mdns: !!mdns,
      staticPeers: config.peers.length,
      relays: config.relays.length,
    });
    return new Mesh(
      node,
      sync,
      presence,
      discovered,
      redialer,
      [...config.peers, ...config.relays],
      secret.meshId,
      presenceTimer,
    );
  }

  status(): MeshStatus {
    const syncByPeer = new Map(this.sync.status().map((s) => [s.peer, s]));
    const online = this.presence.online();
    const peers = new Map<string, MeshPeerStatus>();
    const entry = (peerId: string): MeshPeerStatus => {
      let p = peers.get(peerId);
      if (!p) {
        p = {
          peerId,
          till: null,
          addresses: [],
          connected: false,
          discoveredBy: [],
          lastSeen: null,
          lastSync: null,
          rttMs: null,
          behind: [],
          clockOffsetMs: null,
        };
        peers.set(peerId, p);
      }
      return p;
    };
    for (const d of this.discovered.all()) {
      const p = entry(d.peerId);
      p.till = d.till;
      p.addresses = d.addresses;
      p.discoveredBy.push(d.source);
      p.lastSeen = iso(d.lastSeen);
    }
    for (const connection of this.node.getConnections()) {
      const p = entry(connection.remotePeer.toString());
      p.connected = true;
      p.rttMs = connection.rtt ?? p.rttMs;
      const address = connection.remoteAddr.toString();
      if (!p.addresses.includes(address)) p.addresses.push(address);
      if (this.staticPeers.some((s) => address.startsWith(s))) p.discoveredBy.push('static');
    }
    for (const [peerId, s] of syncByPeer) {
      const p = entry(peerId);
      p.till ??= s.till ?? null;
      p.lastSync = iso(s.lastSyncAt);
      p.lastSeen = iso(Math.max(s.lastReceivedAt, p.lastSeen ? Date.parse(p.lastSeen) : 0));
      p.behind = s.behind;
    }
    for (const p of peers.values()) {
      p.till ??= online.find((o) => o.peerId === p.peerId)?.till ?? null;
      p.clockOffsetMs = this.presence.clockOffset(p.peerId);
    }
    return {
      peerId: this.node.peerId.toString(),
      meshId: this.meshId,
      listen: this.node.getMultiaddrs().map((a) => a.toString()),
      peers: [...peers.values()].sort((a, b) => (a.till ?? '').localeCompare(b.till ?? '')),
      online,
    };
  }

  async stop(): Promise<void> {
    this.redialer.stop();
    clearInterval(this.presenceTimer);
    this.sync.stop();
    this.presence.destroy();
    await this.node.stop();
  }
}
