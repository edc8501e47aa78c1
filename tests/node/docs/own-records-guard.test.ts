import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { InvalidRecord } from '../../../crdt/records.ts';
import { signRecord } from '../../../crdt/signing.ts';
import { OwnRecordsGuard } from '../../../node/docs/own-records-guard.ts';
import { LOCAL } from '../../../node/docs/origins.ts';
import { createLogger } from '../../../node/log.ts';
import { ed25519 } from '../../../node/signatures.ts';
import { testSigner } from '../../helpers/signing.ts';

const me = testSigner();
const other = testSigner();
const PEER = { source: 'peer', peer: 'the-peer' } as const;
const settle = () => new Promise((r) => setTimeout(r, 0));

function guarded() {
  const doc = new Y.Doc();
  const reported: InvalidRecord[] = [];
  const guard = new OwnRecordsGuard({
    self: me.peerId,
    check: ed25519,
    report: (r) => reported.push(r),
    log: createLogger({ component: 'guard', level: 'silent' }),
    transact: (fn) => fn(),
  });
  return { doc, guard, reported };
}

const record = (key: string, updatedAt: string, total: number, signer = me) =>
  signRecord({ id: key, updatedAt, total }, { doc: 'd', map: 'orders', key }, signer);

describe('the guard of a till’s own records', () => {
  it('writes back a record a peer deletes, replaces or rolls back, and lets the till’s own newer one stand', async () => {
    const { doc, guard, reported } = guarded();
    const orders = doc.getMap<unknown>('orders');
    doc.transact(() => orders.set('o1', record('o1', '002', 5)), LOCAL);
    guard.records(doc, 'd', 'orders');

    doc.transact(() => orders.delete('o1'), PEER);
    await settle();
    expect(orders.get('o1')).toMatchObject({ total: 5 });

    doc.transact(() => orders.set('o1', record('o1', '003', 1, other)), PEER);
    await settle();
    expect(orders.get('o1')).toMatchObject({ total: 5, signer: me.peerId });

    // an older version this till really signed, replayed
    doc.transact(() => orders.set('o1', record('o1', '001', 7)), PEER);
    await settle();
    expect(orders.get('o1')).toMatchObject({ total: 5, updatedAt: '002' });
    expect(reported.map((r) => r.reason)).toEqual([
      'deleted, in a change from peer the-peer: written back',
      'replaced by a record this till did not sign, in a change from peer the-peer: written back',
      'rolled back to an older version, in a change from peer the-peer: written back',
    ]);

    // its own later write, come back through a peer, stands; so does its own deletion
    doc.transact(() => orders.set('o1', record('o1', '004', 9)), PEER);
    await settle();
    expect(orders.get('o1')).toMatchObject({ total: 9 });
    doc.transact(() => orders.delete('o1'), LOCAL);
    await settle();
    expect(orders.has('o1')).toBe(false);
  });

  it('never writes back a record that names this till but is not signed by it', async () => {
    const { doc, guard, reported } = guarded();
    const orders = doc.getMap<unknown>('orders');
    // a forgery in this till's name, already in the document when the guard starts
    const forged = { ...record('o1', '002', 5, other), signer: me.peerId };
    doc.transact(() => orders.set('o1', forged), LOCAL);
    guard.records(doc, 'd', 'orders');

    doc.transact(() => orders.delete('o1'), PEER);
    await settle();
    expect(orders.has('o1')).toBe(false);
    expect(reported).toEqual([]);
  });

  it('puts back its events a peer removes from a log, and a log it started that a peer deletes', async () => {
    const { doc, guard } = guarded();
    const logs = doc.getMap<unknown>('transfers');
    const event = (key: string, n: number, signer = me) =>
      signRecord({ type: 'x', at: String(n) }, { doc: 'd', map: 'transfers', key }, signer);
    doc.transact(() => {
      const mine = new Y.Array<unknown>();
      mine.push([event('A-1', 1), event('A-1', 2, other)]);
      logs.set('A-1', mine);
      const theirs = new Y.Array<unknown>();
      theirs.push([event('B-1', 1, other), event('B-1', 2)]);
      logs.set('B-1', theirs);
    }, LOCAL);
    guard.logs(doc, 'd', 'transfers');
    const sigs = (id: string) =>
      ((logs.get(id) as Y.Array<{ sig: string }> | undefined)?.toArray() ?? []).map((e) => e.sig);

    doc.transact(() => (logs.get('B-1') as Y.Array<unknown>).delete(1, 1), PEER);
    await settle();
    expect(sigs('B-1')).toEqual([event('B-1', 1, other).sig, event('B-1', 2).sig]);

    // a log it started comes back with its own events; one it did not start waits for its starter
    doc.transact(() => {
      logs.delete('A-1');
      logs.delete('B-1');
    }, PEER);
    await settle();
    expect(sigs('A-1')).toEqual([event('A-1', 1).sig]);
    expect(logs.has('B-1')).toBe(false);
  });
});
