/**
 * Routes the process's randomness through the simulation while a run holds it:
 * Web Crypto's getRandomValues (lib0's random, hence every Yjs client id) and
 * randomUUID (every record id, crdt/ids.ts). Outside a run the originals answer.
 *
 * lib0 binds getRandomValues when it is first imported, so this module must be
 * imported before yjs: the simulation's entry points import it first, and a run
 * checks that a new Y.Doc's client id came from its stream (sim/env/check.ts).
 */
import { webcrypto } from 'node:crypto';
import type { Random } from './random.ts';

let source: Random | undefined;

const original = {
  getRandomValues: webcrypto.getRandomValues.bind(webcrypto),
  randomUUID: webcrypto.randomUUID.bind(webcrypto),
};

type Bytes = Parameters<typeof webcrypto.getRandomValues>[0];

function getRandomValues<T extends Bytes>(array: T): T {
  if (!source || !array) return original.getRandomValues(array);
  source.fill(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return array;
}

function randomUUID(): `${string}-${string}-${string}-${string}-${string}` {
  if (!source) return original.randomUUID();
  return source.uuid() as `${string}-${string}-${string}-${string}-${string}`;
}

// globalThis.crypto is the same object in Node 20; both names are patched in case it is not
for (const target of new Set([webcrypto, globalThis.crypto])) {
  Object.defineProperty(target, 'getRandomValues', { value: getRandomValues, configurable: true });
  Object.defineProperty(target, 'randomUUID', { value: randomUUID, configurable: true });
}

/** Gives the process's randomness to `random` until the returned function is called. */
export function holdEntropy(random: Random): () => void {
  if (source) throw new Error('the entropy of this process is already held by a simulation run');
  source = random;
  return () => {
    source = undefined;
  };
}
