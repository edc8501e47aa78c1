// The rules a till applies before it writes a transfer event: who may send, claim,
// cancel, release and pay, and the cart a claim rebuilds.
import { errorCode } from '../helpers/domain.ts';
import { describe, expect, it } from 'vitest';
import type { OrderId, TillCode, TransferId } from '../../crdt/ids.ts';
import {
  buildSend,
  cartFromTransfer,
  checkCancel,
  checkClaim,
  checkRelease,
  ownClaim,
  refusalToPay,
} from '../../crdt/transfer-rules.ts';
import { reduceTransfer } from '../../crdt/transfers.ts';
import { alice, emptyCart } from '../helpers/domain.ts';
import {
  A,
  at,
  B,
  C,
  cancel,
  cart,
  claim,
  me,
  paid,
  release,
  sent,
  settings,
  T1,
  tills,
} from '../helpers/transfer-events.ts';

describe('transfer rules', () => {
  it('refuses sends that break the settings or the roles', () => {
    const send = (over: Partial<Parameters<typeof buildSend>[0]>) => () =>
      buildSend({
        id: 't' as TransferId,
        cart: cart(),
        request: { mode: 'broadcast', targets: null },
        self: A,
        tills,
        settings,
        at: at(1, 'A'),
        by: alice,
        ...over,
      });
    expect(errorCode(send({ settings: { ...settings, transfersEnabled: false } }))).toBe(
      'TRANSFERS_DISABLED',
    );
    expect(errorCode(send({ self: C }))).toBe('NOT_A_SENDER');
    expect(errorCode(send({ request: { mode: 'assigned', targets: [B, C] } }))).toBe('ONE_TARGET');
    expect(errorCode(send({ request: { mode: 'assigned', targets: ['D' as TillCode] } }))).toBe(
      'NOT_A_RECEIVER',
    );
    expect(errorCode(send({ request: { mode: 'broadcast', targets: [A] } }))).toBe('SELF_TARGET');
    expect(errorCode(send({ request: { mode: 'broadcast', targets: ['Z' as TillCode] } }))).toBe(
      'UNKNOWN_TILL',
    );
    expect(errorCode(send({ cart: emptyCart() }))).toBe('EMPTY_CART');
    expect(errorCode(send({ cart: { ...cart(), status: 'paid' } }))).toBe('ORDER_NOT_OPEN');
    expect(
      errorCode(
        send({ tills: tills.map((t) => ({ ...t, roles: { ...t.roles, receiver: false } })) }),
      ),
    ).toBe('NO_RECEIVERS');
    expect(sent([B, C]).targets).toEqual(['B', 'C']);
  });

  it('refuses claims that are not this till to make', () => {
    const pending = reduceTransfer([sent([B], 'assigned')])!;
    expect(
      errorCode(() => checkClaim(pending, B, tills, { ...settings, transfersEnabled: false })),
    ).toBe('TRANSFERS_DISABLED');
    expect(errorCode(() => checkClaim(pending, C, tills, settings))).toBe('NOT_A_TARGET');
    expect(errorCode(() => checkClaim(pending, 'D' as TillCode, tills, settings))).toBe(
      'NOT_A_RECEIVER',
    );
    expect(errorCode(() => checkClaim(reduceTransfer([sent()])!, A, tills, settings))).toBe(
      'OWN_TRANSFER',
    );
    expect(
      errorCode(() => checkClaim(reduceTransfer([sent(), claim(B, 200)])!, C, tills, settings)),
    ).toBe('TRANSFER_TAKEN');
    expect(
      errorCode(() => checkClaim(reduceTransfer([sent(), cancel(150)])!, C, tills, settings)),
    ).toBe('TRANSFER_CANCELLED');
    expect(
      errorCode(() =>
        checkClaim(reduceTransfer([sent(), claim(B, 200), paid(B, 300)])!, C, tills, settings),
      ),
    ).toBe('TRANSFER_DONE');
    expect(errorCode(() => checkClaim(pending, B, tills, settings))).toBe('no error');
  });

  it('lets only the sender cancel, and only before any claim; only the holder releases', () => {
    const claimed = reduceTransfer([sent(), claim(B, 200)])!;
    expect(errorCode(() => checkCancel(reduceTransfer([sent()])!, me(B)))).toBe('NOT_THE_SENDER');
    expect(errorCode(() => checkCancel(claimed, me(A)))).toBe('TRANSFER_CLAIMED');
    expect(errorCode(() => checkCancel(reduceTransfer([sent(), cancel(150)])!, me(A)))).toBe(
      'TRANSFER_CANCELLED',
    );
    expect(errorCode(() => ownClaim(claimed, me(C)))).toBe('NOT_CLAIMED_HERE');
    expect(ownClaim(claimed, me(B)).till).toBe('B');
  });

  it('rebuilds the cart with every line, price, discount and the customer, and the reference', () => {
    const state = reduceTransfer([sent()])!;
    let n = 0;
    const rebuilt = cartFromTransfer(state, {
      id: 'new' as OrderId,
      till: B,
      businessDate: '20261121',
      at: at(300, 'B'),
      by: alice,
      newLineId: () => `l${++n}` as never,
      withReference: true,
    });
    expect(rebuilt).toMatchObject({
      transferRef: T1,
      customer: { name: 'Ada' },
      status: 'open',
      till: 'B',
    });
    expect(rebuilt.lines.map((l) => [l.qty, l.unitPrice, l.discountBp])).toEqual([[2, 1250, 1000]]);
  });
});

describe('payment and release rules', () => {
  it('lets only the holder pay, and refuses to release a paid claim', () => {
    const s = sent();
    expect(refusalToPay(reduceTransfer([s, claim(B, 200)])!, me(B))).toBeUndefined();
    expect(refusalToPay(reduceTransfer([s, claim(B, 200), claim(C, 210)])!, me(C))).toMatch(
      /held by B/,
    );
    expect(refusalToPay(reduceTransfer([s, claim(B, 200), release(B, 200, 205)])!, me(B))).toMatch(
      /no longer holds/,
    );
    expect(refusalToPay(reduceTransfer([s, claim(B, 140), cancel(150)])!, me(B))).toMatch(
      /cancelled/,
    );
    // the earlier winner gave it back: the loser now holds it and may pay
    expect(
      refusalToPay(reduceTransfer([s, claim(B, 200), claim(C, 210), release(B, 200, 220)])!, me(C)),
    ).toBeUndefined();
    expect(
      errorCode(() => checkRelease(reduceTransfer([s, claim(B, 200), paid(B, 300)])!, me(B))),
    ).toBe('TRANSFER_PAID');
  });
});
