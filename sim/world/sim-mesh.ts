/**
 * A till's part of the mesh, wired as node/mesh/mesh.ts wires it but over the
 * simulated network instead of libp2p: the real MeshSync and Presence, the
 * real Redialer and dial plan (every other till is found as mDNS finds it on
 * the shop's LAN: while the network lets its answers through, and forgotten
 * PEER_TTL_MS after the last; so past a full mesh's size the ring neighbours
 * dialled are those among the tills in reach, topology.ts), and forwarding of
 * peer updates in a bounded mesh.
 * A dial opens the sync stream at once (libp2p's connection and stream in one).
 */
import type { DiscoveredPeer } from '../../discovery/discovered-peers.ts';
import { PEER_TTL_MS } from '../../discovery/mdns-discovery.ts';
import { planDials } from '../../node/mesh/dial-plan.ts';
import { syncHooks, tillMeshHost } from '../../node/mesh/mesh.ts';
import { MeshSync } from '../../node/mesh/mesh-sync.ts';
import { Presence } from '../../node/mesh/presence.ts';
import { Redialer } from '../../node/mesh/redialer.ts';
import { isBounded } from '../../node/mesh/topology.ts';
import type { Till } from '../../node/till/till.ts';
import type { Listener } from '../net/network.ts';
import type { TillWorld } from './sim-till.ts';

export const SIM_MESH_ID = 'sim-mesh';

export interface SimMesh {
  sync: MeshSync;
  stop(): void;
}

/** `self` is the till's network identity; `alive` says whether this incarnation still runs. */
export function joinMesh(
  till: Till,
  self: Listener,
  world: TillWorld,
  alive: () => boolean,
): SimMesh {
  const host = tillMeshHost(till);
  const others = () => world.tills().filter((t) => t.peerId !== self.peerId);
  const lastHeard = new Map<string, number>();
  const discovered = (): DiscoveredPeer[] => {
    const now = world.scheduler.now;
    return others().flatMap((t) => {
      if (world.network.reachable(self.host, t.host)) lastHeard.set(t.peerId, now);
      const heard = lastHeard.get(t.peerId);
      if (heard === undefined || now - heard > PEER_TTL_MS) return [];
      const peer: DiscoveredPeer = {
        peerId: t.peerId,
        till: t.code,
        addresses: [`/sim/${t.host}`],
        source: 'mdns',
        lastSeen: heard,
      };
      return [peer];
    });
  };
  const presence = new Presence({
    till: host.code,
    name: host.name,
    peerId: self.peerId,
    staff: [],
    role: host.role,
  });
  const sync = new MeshSync({
    self: self.peerId,
    till: host.code,
    meshId: SIM_MESH_ID,
    docs: host.docs,
    log: world.log(host.code).child('sync'),
    presence,
    ...syncHooks(host),
    forwardPeerUpdates: () => isBounded(others().length + 1, world.fullMeshMax),
  });
  const firstSeen = new Map<string, number>();
  const redialer = new Redialer(
    () =>
      planDials({
        self: self.peerId,
        staticPeers: [],
        relays: world.relays().map((r) => r.address),
        discovered: discovered(),
        connectedAddresses: new Set(),
        firstSeen,
        now: world.scheduler.now,
        fullMeshMax: world.fullMeshMax,
      }).map((planned) => ({
        key: planned.key,
        peerId: planned.peerId,
        dial: async () => {
          const target = [...others(), ...world.relays()].find((t) => t.peerId === planned.peerId)!;
          const channel = await world.network.dial(self, target);
          if (alive()) sync.attach(channel);
          else channel.close('dialler restarted');
          return target.peerId;
        },
      })),
    (peerId) => sync.connectedPeers().includes(peerId),
    () => {},
    () => world.scheduler.now,
    () => world.random.next(),
  );
  redialer.start();
  return {
    sync,
    stop: () => {
      redialer.stop();
      sync.stop();
      presence.awareness.destroy();
    },
  };
}
