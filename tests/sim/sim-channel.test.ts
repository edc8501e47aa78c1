/**
 * The simulated stream keeps the PeerChannel contract the sync engine relies
 * on (the same suite the in-memory pair and libp2p streams run), with its
 * scheduler pumped by real time here so the suite can wait as it does for them.
 */
import '../../sim/setup.ts';
import { Random } from '../../sim/env/random.ts';
import { Scheduler } from '../../sim/env/scheduler.ts';
import type { Listener } from '../../sim/net/network.ts';
import { Network } from '../../sim/net/network.ts';
import type { SimChannel } from '../../sim/net/sim-channel.ts';
import { runPeerChannelContract } from '../node/mesh/peer-channel-contract.ts';

/** Simulated ms run per real tick: a 3 MiB frame takes ~250 simulated ms on the modelled LAN. */
const SIMULATED_MS_PER_TICK = 50;
const TICK_MS = 5;

runPeerChannelContract('simulated LAN', async () => {
  const scheduler = new Scheduler();
  // the contract counts frames: none delivered twice here
  const network = new Network(scheduler, new Random(1), { duplicateChance: 0 });
  let running = false;
  const pump = setInterval(() => {
    if (running) return;
    running = true;
    void scheduler.runUntil(scheduler.now + SIMULATED_MS_PER_TICK).finally(() => (running = false));
  }, TICK_MS);
  let b: SimChannel | undefined;
  const hostA: Listener = { host: 'A', peerId: 'peer-a', accept: () => {} };
  const hostB: Listener = { host: 'B', peerId: 'peer-b', accept: (channel) => (b = channel) };
  const a = await network.dial(hostA, hostB);
  // B takes its end in an event of its own, right after the dial
  while (!b) await new Promise((r) => setTimeout(r, TICK_MS));
  return { a, b, cleanup: () => Promise.resolve(clearInterval(pump)) };
});
