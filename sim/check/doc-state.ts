/**
 * Every document a till holds, live or closed (a closed day is read back from
 * disk), as its state vector and its content in canonical JSON: two tills
 * hold the same document when both are equal. A closed day is compared by the
 * records in it that verify: what a hostile till wrote after the day closed
 * reaches only the copies that were still live (closed copies are not synced
 * with each other) and nobody counts it. Also the byte-exact state hash a
 * replay must reproduce.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { DAY, parseDocName } from '../../crdt/documents.ts';
import type { Trust } from '../../crdt/signing.ts';
import { signerOf } from '../../crdt/signing.ts';
import type { Till } from '../../node/till/till.ts';

export interface DocState {
  sv: string;
  content: string;
}

/** Keys sorted at every level: two replicas may have inserted keys in different orders. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

function stateOf(doc: Y.Doc): DocState {
  const content: Record<string, unknown> = {};
  // an empty top-level map exists only where someone looked at it: not content
  for (const key of [...doc.share.keys()].sort())
    if (doc.getMap(key).size > 0) content[key] = doc.getMap(key).toJSON();
  return {
    sv: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
    content: JSON.stringify(canonical(content)),
  };
}

/** A closed day's records signed by a till with the day's code (its owner, or a duplicate), map by map. */
function verifiedStateOf(doc: Y.Doc, name: string, trust: Trust): DocState {
  const ref = parseDocName(name);
  const code = ref?.kind === 'day' ? ref.till : undefined;
  const content: Record<string, Record<string, unknown>> = {};
  for (const map of Object.values(DAY)) {
    const records: Record<string, unknown> = {};
    doc.getMap<unknown>(map).forEach((raw, key) => {
      const signer = signerOf(raw, { doc: name, map, key }, trust);
      if (signer !== null && trust.codeOf(signer) === code) records[key] = raw;
    });
    content[map] = records;
  }
  return { sv: 'closed', content: JSON.stringify(canonical(content)) };
}

/** Runs `fn` on every document of the till, live ones first, closed ones read from disk. */
function eachDoc(till: Till, fn: (name: string, doc: Y.Doc, closed: boolean) => void): void {
  const { docs } = till.ctx;
  for (const name of docs.names().sort()) fn(name, docs.get(name)!, false);
  for (const name of docs.closedNames().sort()) {
    const doc = docs.readClosed(name);
    if (!doc) continue;
    fn(name, doc, true);
    doc.destroy();
  }
}

/** A document's state on one till; a live day's verified records too, to compare with a closed copy. */
interface HeldState {
  state: DocState;
  verified?: DocState;
}

export function docStates(till: Till): Map<string, HeldState> {
  const states = new Map<string, HeldState>();
  const trust = till.ctx.registry;
  eachDoc(till, (name, doc, closed) =>
    states.set(
      name,
      closed
        ? { state: verifiedStateOf(doc, name, trust) }
        : parseDocName(name)?.kind === 'day'
          ? { state: stateOf(doc), verified: verifiedStateOf(doc, name, trust) }
          : { state: stateOf(doc) },
    ),
  );
  return states;
}

/**
 * What differs between the tills' documents, one line per document (empty:
 * identical). A day closed on some tills and live on others (two tills share
 * its code, and one of them closed it) is compared by its verified records.
 */
export function divergence(tills: ReadonlyArray<{ host: string; till: Till }>): string[] {
  const held = tills.map((t) => docStates(t.till));
  const names = new Set(held.flatMap((s) => [...s.keys()]));
  const lines: string[] = [];
  for (const name of [...names].sort()) {
    const copies = held.map((s) => s.get(name));
    const mixed = copies.some((c) => c?.state.sv === 'closed') && copies.some((c) => c?.verified);
    const per = copies.map((c) => (mixed ? (c?.verified ?? c?.state) : c?.state));
    const first = JSON.stringify(per[0]);
    if (per.every((p) => JSON.stringify(p) === first)) continue;
    const missing = tills.filter((_, i) => !per[i]).map((t) => t.host);
    lines.push(
      missing.length > 0
        ? `${name}: missing on ${missing.join(', ')}`
        : `${name}: differs (state vectors ${per.map((p) => p!.sv).join(' | ')})`,
    );
  }
  return lines;
}

/** SHA-256 over every till's documents, byte for byte as Yjs encodes them. */
export function stateHash(tills: ReadonlyArray<{ host: string; till: Till | undefined }>): string {
  const hash = createHash('sha256');
  for (const t of tills) {
    hash.update(`till ${t.host}\n`);
    if (!t.till) continue;
    eachDoc(t.till, (name, doc) => {
      hash.update(`${name}\n`);
      hash.update(Y.encodeStateAsUpdate(doc));
    });
  }
  return hash.digest('hex');
}
