import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TransferId } from '../../crdt/ids.ts';
import type { TransferEvent } from '../../crdt/transfer-schema.ts';
import {
  appendTransferEvent,
  claimToConfirm,
  createTransfer,
  isOfferedTo,
  reduceTransfer,
  TransfersView,
} from '../../crdt/transfers.ts';
import { alice } from '../helpers/domain.ts';
import {
  A,
  at,
  B,
  C,
  cancel,
  claim,
  confirm,
  paid,
  release,
  sent,
  T1,
  me,
} from '../helpers/transfer-events.ts';
import { testSigner, testTrust } from '../helpers/signing.ts';
import type { RecordSigner } from '../../crdt/signing.ts';

const keys = { A: testSigner(), B: testSigner(), C: testSigner() };
const trust = testTrust(keys);
/** Appends as the till that writes such an event (or as `as`, to forge one). */
const append = (doc: Y.Doc, id: TransferId, event: TransferEvent, as?: RecordSigner) =>
  appendTransferEvent(doc, id, event, as ?? keys[authorOf(event)]);
const authorOf = (event: TransferEvent): 'A' | 'B' | 'C' =>
  (event.type === 'confirmed' || event.type === 'cancelled' || event.type === 'sent'
    ? 'A'
    : event.till) as 'A' | 'B' | 'C';

describe('transfer log reducer', () => {
  it('walks a transfer through sent, claimed, confirmed and done', () => {
    const s = sent();
    expect(reduceTransfer([s])).toMatchObject({ status: 'pending', winner: null, from: 'A' });
    expect(reduceTransfer([s, claim(B, 200)])).toMatchObject({
      status: 'provisional',
      winner: { till: 'B' },
    });
    expect(reduceTransfer([s, claim(B, 200), confirm(B, 200, 210)])?.status).toBe('confirmed');
    const done = reduceTransfer([s, claim(B, 200), confirm(B, 200, 210), paid(B, 300)]);
    expect(done).toMatchObject({
      status: 'done',
      done: { till: 'B', orderNumber: 'B-20261121-0001' },
    });
    expect(done?.history.map((e) => e.type)).toEqual(['sent', 'claimed', 'confirmed', 'paid']);
    expect(done?.cart.lines[0]).toMatchObject({ qty: 2, unitPrice: 1250, discountBp: 1000 });
    expect(done?.cart.totals.total).toBe(2250);
  });

  it('gives a provisional race to the earliest claim, and a confirmed claim beats an earlier provisional one', () => {
    const s = sent();
    expect(reduceTransfer([s, claim(C, 250), claim(B, 200)])?.winner?.till).toBe('B');
    const both = reduceTransfer([s, claim(C, 200), claim(B, 250), confirm(B, 250, 260)]);
    expect(both?.winner?.till).toBe('B');
    expect(both?.losers.map((c) => c.till)).toEqual(['C']);
    // same time: the till code decides
    expect(reduceTransfer([s, claim(C, 200), claim(B, 200)])?.winner?.till).toBe('B');
  });

  it('records a conflict when a losing claim was paid too, and keeps both payments', () => {
    const state = reduceTransfer([
      sent(),
      claim(B, 200),
      claim(C, 201),
      paid(B, 300),
      paid(C, 301),
    ]);
    expect(state?.status).toBe('conflict');
    expect(state?.done?.till).toBe('B');
    expect(state?.conflicts).toEqual([
      { till: 'C', orderNumber: 'C-20261121-0001', reason: 'lost claim' },
    ]);
  });

  it('frees a released claim: the next claim wins and the sender can confirm it', () => {
    const events = [
      sent(),
      claim(B, 200),
      confirm(B, 200, 210),
      release(B, 200, 220),
      claim(C, 230),
    ];
    const state = reduceTransfer(events)!;
    expect(state.winner?.till).toBe('C');
    expect(state.status).toBe('provisional');
    expect(claimToConfirm(state, me(A))?.till).toBe('C');
    expect(claimToConfirm(state, me(B))).toBeUndefined();
    expect(
      claimToConfirm(reduceTransfer([...events, confirm(C, 230, 240)])!, me(A)),
    ).toBeUndefined();
  });

  it('cancels: no winner, claims lost, confirmations after the cancel ignored, payment is a conflict', () => {
    expect(reduceTransfer([sent(), cancel(150)])?.status).toBe('cancelled');
    const raced = reduceTransfer([sent(), claim(B, 140), cancel(150), confirm(B, 140, 160)])!;
    expect(raced.status).toBe('cancelled');
    expect(raced.losers.map((c) => c.till)).toEqual(['B']);
    expect(claimToConfirm(raced, me(A))).toBeUndefined();
    // confirmed before the cancel: the claim holds
    expect(reduceTransfer([sent(), claim(B, 140), confirm(B, 140, 145), cancel(150)])?.status).toBe(
      'confirmed',
    );
    expect(
      reduceTransfer([sent(), claim(B, 140), cancel(150), paid(B, 170)])?.conflicts[0]?.reason,
    ).toBe('cancelled');
  });

  it('counts an event only when the till that may write it signed it', () => {
    const doc = new Y.Doc();
    const reports: Array<{ key: string; signer?: string }> = [];
    const view = new TransfersView(doc, (r) => reports.push(r), trust);
    createTransfer(doc, sent(), keys.A);
    append(doc, T1, claim(C, 200));
    append(doc, T1, confirm(C, 200, 210), keys.B); // only the sender A confirms
    append(doc, T1, { type: 'claimed', at: at(200, 'C'), till: C, by: alice }, keys.B); // B claiming as C
    append(doc, T1, cancel(300), keys.B);
    // a second, earlier sent with other prices and targets, signed by B, or by A for another id
    append(doc, T1, { ...sent([B], 'assigned'), at: at(50, 'A') }, keys.B);
    append(
      doc,
      T1,
      { ...sent([B], 'assigned'), transferId: 'A-t9' as TransferId, at: at(50, 'A') },
      keys.A,
    );
    // and garbage where a signature should be
    (doc.getMap('transfers').get(T1) as Y.Array<unknown>).push([
      { ...claim(B, 260), signer: keys.B.peerId, sig: 'AAAA' },
    ]);
    const state = view.get(T1)!;
    expect(state.status).toBe('provisional');
    expect(state.claims.map((c) => c.till)).toEqual(['C']);
    expect(state.targets).toBeNull();
    expect(state.history).toHaveLength(2);
    expect(reports.map((r) => [r.key, r.signer])).toEqual([
      [`${T1}[2]`, keys.B.peerId],
      [`${T1}[3]`, keys.B.peerId],
      [`${T1}[4]`, keys.B.peerId],
      [`${T1}[5]`, keys.B.peerId],
      [`${T1}[6]`, keys.A.peerId],
      [`${T1}[7]`, keys.B.peerId],
    ]);
  });

  it('counts the same signed event twice only once', () => {
    const doc = new Y.Doc();
    const view = new TransfersView(doc, () => {}, trust);
    createTransfer(doc, sent(), keys.A);
    append(doc, T1, claim(B, 200));
    append(doc, T1, confirm(B, 200, 210));
    append(doc, T1, paid(B, 300));
    const log = doc.getMap('transfers').get(T1) as Y.Array<unknown>;
    log.push([log.get(3)]); // a replay of B's payment
    expect(view.get(T1)).toMatchObject({ status: 'done', conflicts: [] });
  });

  it('takes no log whose id names no sending till, or another one', () => {
    const doc = new Y.Doc();
    const view = new TransfersView(doc, () => {}, trust);
    createTransfer(doc, { ...sent(), transferId: 'x' as TransferId }, keys.A);
    createTransfer(doc, { ...sent(), transferId: 'B-t2' as TransferId }, keys.A);
    expect(view.all()).toEqual([]);
  });

  it('offers a transfer only to its targets while it is pending', () => {
    const assigned = reduceTransfer([sent([C], 'assigned')])!;
    expect([A, B, C].map((t) => isOfferedTo(assigned, t))).toEqual([false, false, true]);
    const everyone = reduceTransfer([sent(null)])!;
    expect([A, B, C].map((t) => isOfferedTo(everyone, t))).toEqual([false, true, true]);
    expect(isOfferedTo(reduceTransfer([sent(null), claim(B, 200)])!, C)).toBe(false);
  });
});

describe('transfers document', () => {
  it('keeps concurrent appends from two replicas and reports garbage', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createTransfer(a, sent(), keys.A);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    append(a, T1, claim(B, 200));
    append(b, T1, claim(C, 201));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const reports: string[] = [];
    const viewA = new TransfersView(a, (r) => reports.push(r.key), trust);
    expect(viewA.get(T1)?.claims.map((c) => c.till)).toEqual(['B', 'C']);
    expect(new TransfersView(b, () => {}, trust).get(T1)?.winner?.till).toBe(
      viewA.get(T1)?.winner?.till,
    );
    (a.getMap('transfers').get(T1) as Y.Array<unknown>).push([{ type: 'claimed', at: 'nonsense' }]);
    a.getMap('transfers').set('junk', 42);
    expect(viewA.all().map((t) => t.id)).toEqual([T1]);
    expect(reports.sort()).toEqual([`${T1}[3]`, 'junk']);
  });
});

describe('transfers view', () => {
  it('re-reads only the logs that changed, and hands them out once', () => {
    const doc = new Y.Doc();
    const view = new TransfersView(doc, () => {}, trust);
    createTransfer(doc, sent(), keys.A);
    createTransfer(doc, { ...sent(), transferId: 'A-t2' as TransferId }, keys.A);
    expect(
      view
        .takeChanged()
        .map((t) => t.id)
        .sort(),
    ).toEqual([T1, 'A-t2']);
    expect(view.takeChanged()).toEqual([]);
    append(doc, 'A-t2' as TransferId, claim(B, 200));
    expect(view.takeChanged().map((t) => [t.id, t.status])).toEqual([['A-t2', 'provisional']]);
    expect(view.get(T1)?.status).toBe('pending');
    // a replica that receives the changes sees the same
    const replica = new Y.Doc();
    const other = new TransfersView(replica, () => {}, trust);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(other.all().map((t) => [t.id, t.status])).toEqual(
      view.all().map((t) => [t.id, t.status]),
    );
  });
});

describe('transfer timeline (the audit trail)', () => {
  it('lists every step with its till and cashier, the derived ones too', () => {
    const state = reduceTransfer([
      sent(),
      claim(B, 200),
      claim(C, 201),
      confirm(B, 200, 210),
      paid(B, 300),
      paid(C, 301, 2),
    ])!;
    expect(state.timeline.map((t) => [t.step, t.till, t.by?.name ?? null])).toEqual([
      ['sent', 'A', 'Alice'],
      ['claimed', 'B', 'Alice'],
      ['claimed', 'C', 'Alice'],
      ['claim lost', 'C', null],
      ['confirmed', 'B', null],
      ['done', 'B', 'Alice'],
      ['conflict', 'C', 'Alice'],
    ]);
    expect(state.timeline.find((t) => t.step === 'done')?.detail).toBe('order B-20261121-0001');
    expect(
      reduceTransfer([sent(), claim(B, 140), cancel(150), release(B, 140, 160)])!.timeline.map(
        (t) => t.step,
      ),
    ).toEqual(['sent', 'claimed', 'cancelled', 'released']);
  });
});

describe('clocks that disagree', () => {
  it('counts a claim stamped before the send (the sender clock ran ahead), so nobody else can take it unseen', () => {
    const aheadSent = { ...sent(), at: at(10_000_000, 'A') };
    const state = reduceTransfer([aheadSent, claim(B, 100)])!;
    expect(state.winner?.till).toBe('B');
    expect(isOfferedTo(state, C)).toBe(false);
    expect(reduceTransfer([aheadSent, claim(B, 100), paid(B, 150)])?.status).toBe('done');
  });
});
