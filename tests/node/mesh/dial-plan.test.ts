import { describe, expect, it } from 'vitest';
import { ASYMMETRY_GRACE_MS, planDials, splitPeerAddress } from '../../../node/mesh/dial-plan.ts';
import type { DiscoveredPeer } from '../../../discovery/discovered-peers.ts';
import { MAX_PARALLEL_DIALS, Redialer } from '../../../node/mesh/redialer.ts';
import { dialTargets } from '../../../node/mesh/topology.ts';

const peer = (peerId: string): DiscoveredPeer => ({
  peerId,
  till: 'X',
  addresses: ['/ip4/10.0.0.1/tcp/7311'],
  source: 'mdns',
  lastSeen: 0,
});

describe('dial plan', () => {
  it('lets only the lower peer id dial at first, the other after a grace period', () => {
    const firstSeen = new Map<string, number>();
    const input = {
      self: 'M',
      staticPeers: [],
      discovered: [peer('A'), peer('Z')],
      connectedAddresses: new Set<string>(),
      firstSeen,
    };
    expect(planDials({ ...input, now: 1000 }).map((d) => d.key)).toEqual(['Z']);
    const later = planDials({ ...input, now: 1000 + ASYMMETRY_GRACE_MS }).map((d) => d.key);
    expect(later.sort()).toEqual(['A', 'Z']);
  });

  it('past a full mesh dials only its ring neighbours, configured or found, and every relay', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `P${String(i).padStart(2, '0')}`);
    const [self, ...others] = ids as [string, ...string[]];
    const configured = others
      .slice(0, 15)
      .map((id, i) => `/ip4/10.0.0.${i + 1}/tcp/7311/p2p/${id}`);
    const relay = '/ip4/10.9.9.9/tcp/7321/p2p/R0';
    const plan = planDials({
      self,
      staticPeers: configured,
      relays: [relay],
      discovered: others.slice(15).map(peer),
      connectedAddresses: new Set(),
      firstSeen: new Map(),
      now: 0,
    });
    const expected = [...dialTargets(self, others)];
    expect(plan.map((d) => d.key).sort()).toEqual([...expected, 'R0'].sort());
    expect(expected.length).toBeLessThan(others.length / 4);
  });

  it('dials static addresses unless a connected peer is there, and dials a peer once', () => {
    const plan = planDials({
      self: 'M',
      staticPeers: ['/ip4/10.0.0.1/tcp/1', '/ip4/10.0.0.2/tcp/2', '/ip4/10.0.0.3/tcp/3/p2p/Z'],
      discovered: [peer('Z')],
      connectedAddresses: new Set(['/ip4/10.0.0.2/tcp/2']),
      firstSeen: new Map(),
      now: 0,
    });
    expect(plan).toEqual([
      { key: '/ip4/10.0.0.1/tcp/1', address: '/ip4/10.0.0.1/tcp/1' },
      { key: 'Z', peerId: 'Z', address: '/ip4/10.0.0.3/tcp/3/p2p/Z' },
    ]);
    expect(splitPeerAddress('/ip4/1.2.3.4/tcp/5/p2p/Q')).toEqual({
      address: '/ip4/1.2.3.4/tcp/5',
      peerId: 'Q',
    });
  });
});

describe('redialer', () => {
  it('backs off exponentially on failure, resets on success, and skips connected peers', async () => {
    let now = 0;
    let fail = true;
    const dials: number[] = [];
    const failures: number[] = [];
    const connected = new Set<string>();
    const redialer = new Redialer(
      () => [
        {
          key: 'p',
          peerId: 'p',
          dial: async () => (dials.push(now), fail ? Promise.reject(new Error('down')) : 'p'),
        },
      ],
      (id) => connected.has(id),
      (_t, _e, retryIn) => failures.push(retryIn),
      () => now,
      () => 0.5,
    );
    const settle = () => new Promise((r) => setImmediate(r));
    for (let t = 0; t <= 20_000; t += 100) {
      now = t;
      redialer.tick();
      await settle();
    }
    expect(failures.slice(0, 6)).toEqual([500, 1000, 2000, 4000, 8000, 15_000]);
    fail = false;
    now += 20_000;
    redialer.tick();
    await settle();
    connected.add('p');
    const before = dials.length;
    for (let i = 0; i < 5; i++) {
      now += 1000;
      redialer.tick();
      await settle();
    }
    expect(dials.length).toBe(before);
  });
});

describe('redialer under many targets', () => {
  it('keeps at most MAX_PARALLEL_DIALS handshakes in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const release: Array<() => void> = [];
    const targets = Array.from({ length: 20 }, (_, i) => ({
      key: `p${i}`,
      peerId: `p${i}`,
      dial: () =>
        new Promise<string>((resolve) => {
          inFlight++;
          most = Math.max(most, inFlight);
          release.push(() => {
            inFlight--;
            resolve(`p${i}`);
          });
        }),
    }));
    const redialer = new Redialer(
      () => targets,
      () => false,
      () => {},
    );
    redialer.tick();
    redialer.tick();
    expect(most).toBe(MAX_PARALLEL_DIALS);
    release.splice(0).forEach((r) => r());
    await new Promise((r) => setImmediate(r));
    redialer.tick();
    expect(inFlight).toBe(MAX_PARALLEL_DIALS);
  });
});
