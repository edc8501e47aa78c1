/**
 * Who connects to whom. Up to FULL_MESH_MAX_TILLS every till connects to every
 * other and sends its own changes to each (one hop, nothing forwarded). Past
 * that, a full mesh costs every till a connection and a copy of every change
 * per peer, so each till dials only its ring neighbours: on the ring of peer
 * ids, the ones 1, 2, 4, 8, … places after it. The graph stays connected with
 * a diameter of about log2(N) hops, each till has about 2·log2(N) connections
 * (its own dials and those of the tills that picked it), and tills forward what
 * they receive, so a change crosses the mesh in a few hops and each till sends
 * it at most once per connection. Pure, so it is testable at any size.
 */

/** The largest mesh (tills and relays) that stays a full mesh. */
export const FULL_MESH_MAX_TILLS = 16;

/**
 * True when a mesh of this many peers (this one included) uses ring neighbours;
 * `fullMeshMax` is for the simulation's comparisons of the two.
 */
export const isBounded = (meshSize: number, fullMeshMax = FULL_MESH_MAX_TILLS): boolean =>
  meshSize > fullMeshMax;

/**
 * The peers `self` dials among `others` (peer ids); every one of them while the
 * mesh is small enough for a full mesh.
 */
export function dialTargets(
  self: string,
  others: readonly string[],
  fullMeshMax = FULL_MESH_MAX_TILLS,
): Set<string> {
  const peers = [...new Set(others)].filter((p) => p !== self);
  if (!isBounded(peers.length + 1, fullMeshMax)) return new Set(peers);
  const ring = [...peers, self].sort();
  const at = ring.indexOf(self);
  const targets = new Set<string>();
  for (let step = 1; step < ring.length; step *= 2) targets.add(ring[(at + step) % ring.length]!);
  return targets;
}
