/**
 * DNS-SD over mDNS with bonjour-service, as a libp2p peer discovery component.
 * Each till advertises `_posmesh._tcp` with TXT records: the public mesh id
 * (a hash of the mesh secret, never the secret), its libp2p peer id, its till
 * code and the protocol version. Tills of another mesh id are ignored.
 *
 * bonjour-service's browser never asks again by itself, so every QUERY_INTERVAL
 * a fresh query goes out and answers refresh `lastSeen`; peers that stop
 * answering expire. When the machine's addresses change (a cable moved, DHCP)
 * the service is announced again.
 */
import { networkInterfaces } from 'node:os';
import { TypedEventEmitter, peerDiscoverySymbol } from '@libp2p/interface';
import type { PeerDiscovery, PeerDiscoveryEvents, Startable } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import type { Multiaddr } from '@multiformats/multiaddr';
import { Bonjour } from 'bonjour-service';
import type { Browser, Service } from 'bonjour-service';
import type { DiscoveredPeers } from './discovered-peers.ts';

export const SERVICE_TYPE = 'posmesh';
export const QUERY_INTERVAL_MS = 3_000;
export const PEER_TTL_MS = 15_000;
export const ADDRESS_CHECK_MS = 3_000;

export interface MdnsInit {
  meshId: string;
  till: string;
  protocolVersion: number;
  registry: DiscoveredPeers;
  /** Limit mDNS to the interface with this IPv4 address. */
  interfaceAddress?: string;
  /** False to only look for tills, never be found (a tool asking the mesh, not a till). */
  announce?: boolean;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

interface MdnsComponents {
  peerId: { toString(): string };
  transportManager: { getAddrs(): Multiaddr[] };
}

function addressSignature(): string {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && !i.internal && i.family === 'IPv4')
    .map((i) => i!.address)
    .sort()
    .join(',');
}

class MdnsDiscovery
  extends TypedEventEmitter<PeerDiscoveryEvents>
  implements PeerDiscovery, Startable
{
  readonly [peerDiscoverySymbol] = this;
  readonly [Symbol.toStringTag] = '@posmesh/mdns';
  private bonjour: Bonjour | undefined;
  private browser: Browser | undefined;
  private timers: NodeJS.Timeout[] = [];
  private signature = '';
  /** The port announced; transports start listening after discovery starts, so it comes later. */
  private announcedPort: number | undefined;

  constructor(
    private readonly init: MdnsInit,
    private readonly components: MdnsComponents,
  ) {
    super();
  }

  start(): void {
    const options = this.init.interfaceAddress
      ? { interface: this.init.interfaceAddress, bind: '0.0.0.0' }
      : {};
    this.bonjour = new Bonjour(options as never, (error: Error) =>
      this.init.log?.('mdns error', { error: error.message }),
    );
  }

  afterStart(): void {
    this.query();
    this.signature = addressSignature();
    this.timers.push(
      setInterval(() => this.query(), QUERY_INTERVAL_MS),
      setInterval(() => {
        const now = addressSignature();
        if (now === this.signature) return;
        this.signature = now;
        this.init.log?.('network addresses changed; announcing again', { addresses: now });
        this.announcedPort = undefined;
        this.bonjour?.unpublishAll(() => this.query());
      }, ADDRESS_CHECK_MS),
    );
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.browser?.stop();
    const bonjour = this.bonjour;
    this.bonjour = undefined;
    bonjour?.unpublishAll(() => bonjour.destroy());
  }

  private announce(): void {
    const port = this.components.transportManager
      .getAddrs()
      .map((a) => Number(a.getComponents().find((c) => c.name === 'tcp')?.value ?? 0))
      .find((p) => p > 0);
    if (!this.bonjour || !port || port === this.announcedPort || this.init.announce === false)
      return;
    if (this.announcedPort !== undefined) this.bonjour.unpublishAll();
    this.announcedPort = port;
    const peerId = this.components.peerId.toString();
    this.bonjour.publish({
      name: `posmesh-${this.init.till}-${peerId.slice(-8)}`,
      type: SERVICE_TYPE,
      protocol: 'tcp',
      port,
      probe: false,
      disableIPv6: true,
      txt: {
        mesh: this.init.meshId,
        peer: peerId,
        till: this.init.till,
        pv: String(this.init.protocolVersion),
      },
    });
  }

  /** A fresh browser per round: every till that answers counts as seen now. */
  private query(): void {
    if (!this.bonjour) return;
    this.announce();
    this.browser?.stop();
    this.browser = this.bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' }, (service) =>
      this.found(service),
    );
    this.init.registry.expire(PEER_TTL_MS);
  }

  private found(service: Service): void {
    const txt = (service.txt ?? {}) as Record<string, unknown>;
    const text = (key: string): string => (typeof txt[key] === 'string' ? txt[key] : '');
    const peer = text('peer');
    if (txt.mesh !== this.init.meshId || !peer || peer === this.components.peerId.toString())
      return;
    const ips = new Set(
      [service.referer?.address, ...(service.addresses ?? [])].filter(
        (a): a is string => !!a && !a.includes(':'),
      ),
    );
    const addresses = [...ips].map((ip) => `/ip4/${ip}/tcp/${service.port}`);
    if (addresses.length === 0) return;
    let id;
    try {
      id = peerIdFromString(peer);
    } catch {
      this.init.log?.('mdns answer with a malformed peer id ignored', { peer });
      return;
    }
    this.init.registry.seen({
      peerId: peer,
      till: text('till') || '?',
      addresses,
      source: 'mdns',
    });
    this.safeDispatchEvent('peer', {
      detail: { id, multiaddrs: addresses.map((a) => multiaddr(a)) },
    });
  }
}

/** The libp2p factory: `peerDiscovery: [posmeshMdns(init)]`. */
export function posmeshMdns(init: MdnsInit): (components: MdnsComponents) => PeerDiscovery {
  return (components) => new MdnsDiscovery(init, components);
}
