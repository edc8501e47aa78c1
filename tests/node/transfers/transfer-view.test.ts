/** What the API says of a transfer's keys: sent here or not, and whose steps are a duplicate's. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TransferId } from '../../../crdt/ids.ts';
import { appendTransferEvent, createTransfer, TransfersView } from '../../../crdt/transfers.ts';
import { transferView } from '../../../node/till/transfer-view.ts';
import { testSigner, testTrust } from '../../helpers/signing.ts';
import { B, C, claim, sent } from '../../helpers/transfer-events.ts';

const keys = { B: testSigner(), C: testSigner() };
const twin = testSigner();
const trust = testTrust(keys, [{ code: 'B', signer: twin }]);
const TB = 'B-t3' as TransferId;

describe('a transfer as the API serves it', () => {
  it('tells the owner of a code from the till that shares it', () => {
    const doc = new Y.Doc();
    const view = new TransfersView(doc, () => {}, trust);
    createTransfer(doc, sent(null, 'broadcast', B, TB), twin);
    appendTransferEvent(doc, TB, claim(C, 200), keys.C);
    const state = view.get(TB)!;
    const onOwner = transferView(state, { code: B, key: keys.B.peerId }, trust);
    const onTwin = transferView(state, { code: B, key: twin.peerId }, trust);
    expect(onOwner).toMatchObject({ sentHere: false, duplicateSigners: [twin.peerId] });
    expect(onTwin).toMatchObject({ sentHere: true, duplicateSigners: [twin.peerId] });
    // the claimant owns its code: its steps are nobody's duplicate
    expect(onOwner.timeline.find((e) => e.step === 'claimed')?.signer).toBe(keys.C.peerId);
  });
});
