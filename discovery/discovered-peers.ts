/**
 * What discovery learned about each till: its peer id, till code, addresses and
 * when it last answered. Shared by the mDNS component and the mesh (which dials
 * and reports from it). Entries that stop answering expire.
 */
export type DiscoverySource = 'mdns' | 'static';

export interface DiscoveredPeer {
  peerId: string;
  till: string;
  /** Multiaddrs without the /p2p suffix. */
  addresses: string[];
  source: DiscoverySource;
  lastSeen: number;
}

export class DiscoveredPeers {
  private readonly peers = new Map<string, DiscoveredPeer>();
  private readonly listeners = new Set<(peer: DiscoveredPeer) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  seen(peer: Omit<DiscoveredPeer, 'lastSeen'>): void {
    const entry = { ...peer, lastSeen: this.now() };
    const isNew = !this.peers.has(peer.peerId);
    this.peers.set(peer.peerId, entry);
    if (isNew) for (const listener of this.listeners) listener(entry);
  }

  /** Called with each peer the first time it is seen (or seen again after it expired). */
  onNew(listener: (peer: DiscoveredPeer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(peerId: string): DiscoveredPeer | undefined {
    return this.peers.get(peerId);
  }

  all(): DiscoveredPeer[] {
    return [...this.peers.values()];
  }

  /** Forgets peers not seen for `ttlMs`; returns them. */
  expire(ttlMs: number): DiscoveredPeer[] {
    const cutoff = this.now() - ttlMs;
    const gone = [...this.peers.values()].filter((p) => p.lastSeen < cutoff);
    for (const p of gone) this.peers.delete(p.peerId);
    return gone;
  }
}
