/**
 * The first import of every entry point of the simulation (its CLI, its
 * tests): the process's randomness and clocks are routed through the
 * simulation before yjs and lib0 load (sim/env/entropy.ts, clock-hooks.ts),
 * and business dates — local dates — are
 * taken in one zone, so a seed replays the same on any machine.
 */
import './env/entropy.ts';
import './env/clock-hooks.ts';

process.env.TZ = 'UTC';
