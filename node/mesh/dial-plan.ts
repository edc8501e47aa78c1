/**
 * Which tills to dial now. Pure, so the rules are testable:
 * - between two known peer ids only the lower one dials; the higher waits
 *   ASYMMETRY_GRACE_MS (discovery can be one-sided) and then dials too;
 * - a static address without a peer id is skipped while a connected peer is
 *   known at that address (it may have dialled us first);
 * - a peer found both statically and by mDNS is dialled once;
 * - in a mesh too large for a full mesh, only the ring neighbours among the
 *   tills known by peer id (configured or found by mDNS) are dialled
 *   (topology.ts); relays, and configured addresses without a peer id, always are.
 */
import type { DiscoveredPeer } from '../../discovery/discovered-peers.ts';
import { dialTargets } from './topology.ts';

export const ASYMMETRY_GRACE_MS = 4_000;

export interface DialPlanInput {
  self: string;
  /** Multiaddrs from the config, optionally ending in /p2p/<peer id>. */
  staticPeers: readonly string[];
  /** The config's relays, dialled whatever the topology (a hub is everyone's neighbour). */
  relays?: readonly string[];
  discovered: readonly DiscoveredPeer[];
  /** Addresses (without /p2p) of connected peers, as dialled or as they announced them. */
  connectedAddresses: ReadonlySet<string>;
  /** When each peer id was first seen; updated here. */
  firstSeen: Map<string, number>;
  now: number;
  /** The largest mesh that stays a full mesh (topology.ts's by default). */
  fullMeshMax?: number;
}

export interface PlannedDial {
  key: string;
  peerId?: string;
  /** Dial this address; without one, dial the peer id (libp2p knows its addresses). */
  address?: string;
}

export function splitPeerAddress(address: string): { address: string; peerId?: string } {
  const at = address.indexOf('/p2p/');
  return at < 0 ? { address } : { address: address.slice(0, at), peerId: address.slice(at + 5) };
}

export function planDials(input: DialPlanInput): PlannedDial[] {
  const plan = new Map<string, PlannedDial>();
  const mayDial = (peerId: string): boolean => {
    const first = input.firstSeen.get(peerId) ?? input.now;
    input.firstSeen.set(peerId, first);
    return input.self < peerId || input.now - first >= ASYMMETRY_GRACE_MS;
  };
  const targets = dialTargets(
    input.self,
    [
      ...input.staticPeers.flatMap((entry) => splitPeerAddress(entry).peerId ?? []),
      ...input.discovered.map((p) => p.peerId),
    ],
    input.fullMeshMax,
  );
  const relays = input.relays ?? [];
  for (const entry of [...input.staticPeers, ...relays]) {
    const { address, peerId } = splitPeerAddress(entry);
    if (peerId) {
      const wanted = targets.has(peerId) || relays.includes(entry);
      if (peerId !== input.self && wanted && mayDial(peerId))
        plan.set(peerId, { key: peerId, peerId, address: entry });
    } else if (!input.connectedAddresses.has(address)) {
      plan.set(address, { key: address, address });
    }
  }
  for (const peer of input.discovered) {
    if (plan.has(peer.peerId) || !targets.has(peer.peerId) || !mayDial(peer.peerId)) continue;
    // the address mDNS just answered from, not whatever the peer store remembers
    const fresh = peer.addresses[0];
    plan.set(peer.peerId, {
      key: peer.peerId,
      peerId: peer.peerId,
      ...(fresh ? { address: `${fresh}/p2p/${peer.peerId}` } : {}),
    });
  }
  return [...plan.values()];
}
