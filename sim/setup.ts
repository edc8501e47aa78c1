/**
 * The first import of every entry point of the simulation (its CLI, its
 * tests): the process's randomness is routed through the simulation before
 * yjs loads (sim/env/entropy.ts), and business dates — local dates — are
 * taken in one zone, so a seed replays the same on any machine.
 */
import './env/entropy.ts';

process.env.TZ = 'UTC';
