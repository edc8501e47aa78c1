/**
 * The chain of a till's sales, in the spirit of the fiscal rules shops live
 * under (Austria's RKSV signature chain, France's NF525 inalterability): every
 * paid order and refund names its place in the till's sequence, the hash of
 * the one before it (the SHA-256 of its signature) and the running total of
 * the till's takings, and is signed with all of that. Editing, removing or
 * re-signing a record breaks the chain where it happened.
 */
import { createHash } from 'node:crypto';
import type { ChainLink } from '../../crdt/schema.ts';
import { addMinor } from '../../crdt/money.ts';

/** What the first record of a till points back to. */
export const GENESIS = 'genesis';

export interface ChainHead {
  seq: number;
  hash: string;
  running: number;
}

export const EMPTY_CHAIN: ChainHead = { seq: 0, hash: GENESIS, running: 0 };

/** The hash the next record points back to. */
export const linkHash = (sig: string): string =>
  createHash('sha256').update(sig).digest('base64url');

export function nextLink(head: ChainHead, total: number): ChainLink {
  return {
    seq: head.seq + 1,
    prev: head.hash,
    running: addMinor(head.running, total, 'running total'),
  };
}

export function headAfter(link: ChainLink, sig: string): ChainHead {
  return { seq: link.seq, hash: linkHash(sig), running: link.running };
}
