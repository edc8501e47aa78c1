/**
 * Decoded records are kept as copies of themselves (node/docs/compact-records.ts): what
 * a document holds after decoding must read, encode and verify exactly as before.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import '../../../node/docs/compact-records.ts';
import { signerOf, signRecord } from '../../../crdt/signing.ts';
import { testSigner } from '../../helpers/signing.ts';
import { ed25519 } from '../../../node/signatures.ts';

const place = { doc: 'orders/T1/20261202', map: 'orders', key: 'o1' };

/** A record with as many keys as an order, nested objects and arrays included. */
function wideRecord(): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: 'o1',
    lines: [{ id: 'l1', qty: 2, tax: { id: 'vat', rateBp: 2000 } }],
    customer: null,
    note: 'é — ß',
  };
  for (let i = 0; i < 30; i++) record[`field${i}`] = i % 2 ? `value ${i}` : i;
  return record;
}

describe('decoded records', () => {
  it('read, encode and verify as the records that were written', () => {
    const signer = testSigner();
    const source = new Y.Doc();
    const written = signRecord(wideRecord(), place, signer);
    source.getMap('orders').set('o1', written);
    source.getMap('orders').set('plain', 'a string');
    source.getMap('orders').set('list', [1, { a: 1 }]);
    source.getMap('orders').set('bytes', { raw: new Uint8Array([1, 2, 3]), big: 2n ** 40n });
    const update = Y.encodeStateAsUpdate(source);

    const copy = new Y.Doc();
    Y.applyUpdate(copy, update, { source: 'peer', peer: 'p' });
    const read = copy.getMap('orders').get('o1') as Record<string, unknown>;
    expect(read).toEqual(written);
    expect(Object.keys(read)).toEqual(Object.keys(written));
    expect(copy.getMap('orders').get('plain')).toBe('a string');
    expect(copy.getMap('orders').get('list')).toEqual([1, { a: 1 }]);
    // what is not a plain object or array stays as decoded
    expect(copy.getMap('orders').get('bytes')).toEqual({
      raw: new Uint8Array([1, 2, 3]),
      big: 2n ** 40n,
    });
    // the same bytes when sent on, and the signature still holds
    expect(Y.encodeStateAsUpdate(copy)).toEqual(update);
    expect(signerOf(read, place, ed25519)).toBe(signer.peerId);
  });
});
