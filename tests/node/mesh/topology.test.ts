/**
 * The ring-neighbour topology: a full mesh up to FULL_MESH_MAX_TILLS; past it,
 * at every size up to 200 tills the graph of connections stays connected,
 * with a diameter of at most log2(N) hops and at most 2·log2(N) connections
 * per till.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dialTargets, FULL_MESH_MAX_TILLS } from '../../../node/mesh/topology.ts';

const ids = (n: number) => Array.from({ length: n }, () => randomBytes(8).toString('hex'));

/** Undirected connections: a dial makes one whichever side dialled. */
function graph(peers: string[]): Map<string, Set<string>> {
  const g = new Map(peers.map((p) => [p, new Set<string>()]));
  for (const p of peers)
    for (const q of dialTargets(p, peers)) {
      g.get(p)!.add(q);
      g.get(q)!.add(p);
    }
  return g;
}

function eccentricity(g: Map<string, Set<string>>, from: string): number {
  const hops = new Map([[from, 0]]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift()!;
    for (const next of g.get(at)!)
      if (!hops.has(next)) {
        hops.set(next, hops.get(at)! + 1);
        queue.push(next);
      }
  }
  return hops.size === g.size ? Math.max(...hops.values()) : Infinity;
}

describe('mesh topology', () => {
  it('is a full mesh up to the threshold', () => {
    const peers = ids(FULL_MESH_MAX_TILLS);
    for (const p of peers) expect(dialTargets(p, peers).size).toBe(FULL_MESH_MAX_TILLS - 1);
  });

  it.each([FULL_MESH_MAX_TILLS + 1, 30, 100, 200])(
    'past it, %i tills: connected, log2(N) hops across, 2·log2(N) connections each',
    (n) => {
      const peers = ids(n);
      const g = graph(peers);
      const log = Math.ceil(Math.log2(n));
      for (const p of peers) {
        expect(g.get(p)!.size).toBeLessThanOrEqual(2 * log);
        expect(eccentricity(g, p)).toBeLessThanOrEqual(log);
      }
      // every till agrees on the plan whatever order it learnt the others in
      const p = peers[0]!;
      expect(dialTargets(p, [...peers].reverse())).toEqual(dialTargets(p, peers));
    },
  );

  it('moves the threshold where the simulation compares the two', () => {
    const peers = ids(30);
    const p = peers[0]!;
    expect(dialTargets(p, peers, 30).size).toBe(29);
    const ring = dialTargets(p, peers, 10);
    expect(ring.size).toBe(Math.ceil(Math.log2(30)));
    expect(dialTargets(p, peers)).toEqual(ring);
  });
});
