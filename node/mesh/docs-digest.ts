/**
 * A fingerprint of the documents a till lists in its hello, for anti-entropy: two
 * tills with the same digest list the same documents and hold the same content in
 * each live one (state vector and delete set, the two halves of what a sync answer
 * compares), so a periodic repair between tills that agree is one small frame
 * instead of a state vector per document and an answer carrying every delete set.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { DocHost } from '../docs/doc-host.ts';
import { DIGEST_BYTES } from './wire.ts';

export class DocsDigest {
  /** Per loaded document, the hash of its content; dropped on its next update. */
  private readonly content = new WeakMap<Y.Doc, Uint8Array>();
  private readonly off: () => void;

  constructor(private readonly docs: DocHost) {
    this.off = docs.onUpdate((name) => {
      const doc = docs.get(name);
      if (doc) this.content.delete(doc);
    });
  }

  /**
   * The digest of the set `names`: a live document by its content, a closed one by name.
   * Sorted, since two tills open their shared documents in different orders.
   */
  of(names: readonly string[]): Uint8Array {
    const hash = createHash('sha256');
    for (const name of [...names].sort()) {
      hash.update(`${name.length}:${name}`);
      const doc = this.docs.get(name);
      hash.update(doc ? this.contentOf(doc) : CLOSED);
    }
    return new Uint8Array(hash.digest().subarray(0, DIGEST_BYTES));
  }

  stop(): void {
    this.off();
  }

  private contentOf(doc: Y.Doc): Uint8Array {
    let hashed = this.content.get(doc);
    if (!hashed) {
      const sv = Y.encodeStateVector(doc);
      // the diff against its own state: no structs, just the whole delete set, canonically encoded
      const deletes = Y.encodeStateAsUpdate(doc, sv);
      hashed = createHash('sha256').update(sv).update(deletes).digest();
      this.content.set(doc, hashed);
    }
    return hashed;
  }
}

const CLOSED = new Uint8Array([0]);

export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
