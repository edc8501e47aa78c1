/**
 * Two tills sharing one code: what each wrote in a transfer log stays its own.
 * B is owned by `owner`; `twin` registered B after it (a duplicate).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TransferId } from '../../crdt/ids.ts';
import type { RecordSigner } from '../../crdt/signing.ts';
import type { TransferEvent } from '../../crdt/transfer-schema.ts';
import { checkCancel, refusalToPay } from '../../crdt/transfer-rules.ts';
import type { LogTill } from '../../crdt/transfers.ts';
import {
  appendTransferEvent,
  claimToConfirm,
  createTransfer,
  isOfferedTo,
  TransfersView,
} from '../../crdt/transfers.ts';
import { errorCode } from '../helpers/domain.ts';
import { testSigner, testTrust } from '../helpers/signing.ts';
import { at, B, C, cancel, claim, paid, release, sent, T1 } from '../helpers/transfer-events.ts';

const keys = { A: testSigner(), B: testSigner(), C: testSigner() };
const twin = testSigner();
const trust = testTrust(keys, [{ code: 'B', signer: twin }]);
const as = (code: 'A' | 'B' | 'C' | 'twin'): LogTill =>
  code === 'twin'
    ? { code: B, key: twin.peerId }
    : { code: code as LogTill['code'], key: keys[code].peerId };
const TB = 'B-t2' as TransferId;

function shop() {
  const doc = new Y.Doc();
  const reports: string[] = [];
  const view = new TransfersView(doc, (r) => reports.push(`${r.key}: ${r.reason}`), trust);
  const append = (id: TransferId, event: TransferEvent, signer: RecordSigner) =>
    appendTransferEvent(doc, id, event, signer);
  return { doc, view, reports, append };
}

describe('a transfer log with two tills on one code', () => {
  it('keeps a transfer the duplicate sent, refereed by its key alone, and offers it to others', () => {
    const { doc, view, reports, append } = shop();
    createTransfer(doc, sent(null, 'broadcast', B, TB), twin);
    expect(view.get(TB)).toMatchObject({ from: 'B', sender: twin.peerId, status: 'pending' });
    expect(isOfferedTo(view.get(TB)!, C)).toBe(true);
    append(TB, claim(C, 200), keys.C);
    // the owner of the code is not the referee of what the duplicate sent
    expect(claimToConfirm(view.get(TB)!, as('B'))).toBeUndefined();
    expect(claimToConfirm(view.get(TB)!, as('twin'))?.till).toBe('C');
    expect(errorCode(() => checkCancel(view.get(TB)!, as('B')))).toBe('NOT_THE_SENDER');
    append(TB, cancel(210, B), keys.B);
    append(TB, { type: 'confirmed', at: at(220, 'B'), claim: C, claimAt: at(200, 'C') }, keys.B);
    expect(view.get(TB)).toMatchObject({ status: 'provisional', cancelled: null });
    expect(view.get(TB)!.claims[0]!.confirmedAt).toBeNull();
    expect(reports).toHaveLength(2);
    expect(reports.join('\n')).toMatch(/not signed by the key that started this log/);
    append(
      TB,
      {
        type: 'confirmed',
        at: at(230, 'B'),
        claim: C,
        claimAt: at(200, 'C'),
        claimSigner: keys.C.peerId,
      },
      twin,
    );
    append(TB, paid(C, 300), keys.C);
    expect(view.get(TB)).toMatchObject({ status: 'done', done: { till: 'C' } });
  });

  it('takes no second send from another key of the code', () => {
    const { doc, view, reports, append } = shop();
    createTransfer(doc, sent(null, 'broadcast', B, TB), keys.B);
    append(TB, { ...sent([C], 'assigned', B, TB), at: at(50, 'B') }, twin);
    expect(view.get(TB)).toMatchObject({ sender: keys.B.peerId, targets: null });
    expect(reports).toEqual([`${TB}[1]: the transfer was sent already`]);
  });

  it("tells the duplicate's claim from the owner's: only the key that claimed releases or pays it", () => {
    const { doc, view, append } = shop();
    createTransfer(doc, sent(), keys.A);
    append(T1, claim(B, 200), twin);
    const state = view.get(T1)!;
    expect(state.winner).toMatchObject({ till: 'B', signer: twin.peerId });
    expect(refusalToPay(state, as('twin'))).toBeUndefined();
    expect(refusalToPay(state, as('B'))).toMatch(/no longer holds/);
    // the owner's release of a claim it never made frees nothing
    append(T1, release(B, 200, 210), keys.B);
    expect(view.get(T1)!.winner?.releasedAt).toBeNull();
    append(T1, claim(B, 220), keys.B);
    expect(refusalToPay(view.get(T1)!, as('B'))).toMatch(/held by another till with code B/);
    // the owner pays anyway: a conflict, not the duplicate's payment
    append(T1, paid(B, 300), keys.B);
    expect(view.get(T1)).toMatchObject({
      status: 'conflict',
      done: null,
      conflicts: [{ till: 'B', signer: keys.B.peerId, reason: 'lost claim' }],
    });
    append(T1, paid(B, 310, 2), twin);
    expect(view.get(T1)).toMatchObject({ done: { till: 'B', signer: twin.peerId } });
  });

  it('still refuses a stranger writing as a till it is not registered as', () => {
    const { doc, view, reports, append } = shop();
    createTransfer(doc, sent(), keys.A);
    append(T1, claim(C, 200), twin);
    expect(view.get(T1)!.claims).toEqual([]);
    expect(reports[0]).toMatch(/not signed by a till registered as C/);
  });
});
