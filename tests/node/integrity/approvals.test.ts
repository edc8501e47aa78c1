/**
 * Manager approval on the spot, enforced in the services: what a cashier may
 * not do alone (a big discount, a price override, voiding a cart with lines,
 * paying cash out, a refund) needs a manager's PIN typed then, and the approving manager
 * is recorded with the change. A wrong PIN refuses without signing anyone out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { errorCode } from '../../helpers/domain.ts';
import type { TestTill } from '../../helpers/till.ts';
import { cashier, manager, openTestTill } from '../../helpers/till.ts';

const ALICE = { staffId: 'demo-alice', pin: '1234' };
const BOB = { staffId: 'demo-bob', pin: '0000' };
let t: TestTill | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function tillWithCart() {
  t = await openTestTill();
  t.till.days.openDay(manager, 10_000);
  const cart = t.till.sales.createCart(cashier);
  const p = t.till.catalogue.search('', 1)[0]!;
  const withLine = t.till.sales.applyOp(cashier, cart.id, { type: 'addProduct', productId: p.id });
  return { till: t.till, cart: withLine, lineId: withLine.lines[0]!.id };
}

describe('manager approval', () => {
  it("stops a cashier from setting a price alone; a manager's PIN on the spot allows it, and is recorded", async () => {
    const { till, cart, lineId } = await tillWithCart();
    const setPrice = (pin?: typeof ALICE) =>
      till.sales.applyOp(cashier, cart.id, { type: 'setPrice', lineId, price: 0 }, pin);
    expect(errorCode(() => setPrice())).toBe('APPROVAL_REQUIRED');
    expect(errorCode(() => setPrice({ ...ALICE, pin: '9999' }))).toBe('APPROVAL_REFUSED');
    expect(errorCode(() => setPrice(BOB))).toBe('APPROVAL_REFUSED'); // a cashier cannot approve
    const approved = setPrice(ALICE);
    expect(approved.lines[0]!.priceOverride).toBe(0);
    expect(approved.approvals).toMatchObject([{ action: 'price', lineId, by: { name: 'Alice' } }]);
    // it stays on the order, paid and journaled
    const paid = till.sales.pay(cashier, cart.id, [{ method: 'cash', amount: 100 }]);
    expect(paid.approvals).toHaveLength(1);
  });

  it('lets a cashier give a small discount alone, and asks for a manager above the limit', async () => {
    const { till, cart, lineId } = await tillWithCart();
    const discount = (bp: number, pin?: typeof ALICE) =>
      till.sales.applyOp(cashier, cart.id, { type: 'setDiscount', lineId, discountBp: bp }, pin);
    expect(discount(1_000).approvals).toEqual([]); // 10% is the default limit
    expect(errorCode(() => discount(1_500))).toBe('APPROVAL_REQUIRED');
    till.updateSettings(manager, {
      approvals: { ...till.settings().mesh.approvals, discountAboveBp: 2_000 },
    });
    expect(discount(1_500).approvals).toEqual([]);
    // a manager approves by being the one who does it
    const byManager = till.sales.applyOp(manager, cart.id, {
      type: 'setDiscount',
      lineId,
      discountBp: 5_000,
    });
    expect(byManager.approvals).toMatchObject([{ action: 'discount', by: { name: 'Alice' } }]);
  });

  it('asks for a manager to void a cart with lines, but not an empty one', async () => {
    const { till, cart } = await tillWithCart();
    expect(errorCode(() => till.sales.voidCart(cashier, cart.id))).toBe('APPROVAL_REQUIRED');
    const voided = till.sales.voidCart(cashier, cart.id, ALICE);
    expect(voided).toMatchObject({
      status: 'voided',
      approvals: [{ action: 'void', by: { name: 'Alice' } }],
    });
    const empty = till.sales.createCart(cashier);
    expect(till.sales.voidCart(cashier, empty.id).approvals).toEqual([]);
  });

  it('asks for a manager to pay cash out above the limit, and records who approved', async () => {
    const { till } = await tillWithCart();
    expect(till.days.cashMove(cashier, 2_000, 'change top-up').approvedBy).toBeNull();
    expect(errorCode(() => till.days.cashMove(cashier, -500, 'window cleaner'))).toBe(
      'APPROVAL_REQUIRED',
    );
    expect(till.days.cashMove(cashier, -500, 'window cleaner', ALICE).approvedBy).toMatchObject({
      name: 'Alice',
    });
    till.updateSettings(manager, {
      approvals: { ...till.settings().mesh.approvals, cashOutAbove: 5_000 },
    });
    expect(till.days.cashMove(cashier, -2_000, 'milk').approvedBy).toBeNull();
    expect(errorCode(() => till.days.cashMove(cashier, -6_000, 'supplier'))).toBe(
      'APPROVAL_REQUIRED',
    );
  });

  it("refunds for a cashier only with a manager's PIN, and records who approved", async () => {
    const { till, cart, lineId } = await tillWithCart();
    till.sales.applyOp(cashier, cart.id, { type: 'setQty', lineId, qty: 2 });
    const sale = till.sales.pay(cashier, cart.id, [{ method: 'cash', amount: 100_000 }]);
    const line = sale.lines[0]!;
    const refund = (pin?: typeof ALICE) =>
      till.refunds.refund(cashier, sale.number!, [{ lineId: line.id, qty: 1 }], [], {
        approval: pin,
        payout: 'cash',
      });
    await expect(refund()).rejects.toMatchObject({ code: 'APPROVAL_REQUIRED' });
    await expect(refund(BOB)).rejects.toMatchObject({ code: 'APPROVAL_REFUSED' });
    const paid = await refund(ALICE);
    expect(paid).toMatchObject({ kind: 'refund', status: 'paid', openedBy: { id: cashier.id } });
    // paid out in one method, the amount worked out by the till (the exact share of the sale)
    const rest = await till.refunds.refund(
      cashier,
      sale.number!,
      [{ lineId: line.id, qty: 1 }],
      [],
      {
        approval: ALICE,
        payout: 'card',
      },
    );
    expect(rest.payments).toEqual([{ method: 'card', amount: rest.totals!.total }]);
    expect(rest.totals!.total).toBe(-line.unitPrice);
    expect(paid.approvals).toMatchObject([{ action: 'refund', by: { name: 'Alice' } }]);
  });

  it('slows down PIN guessing at the approval prompt as at sign-in', async () => {
    const { till, cart, lineId } = await tillWithCart();
    const attempt = (pin: string) =>
      till.sales.applyOp(
        cashier,
        cart.id,
        { type: 'setPrice', lineId, price: 1 },
        { ...ALICE, pin },
      );
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        attempt('0001');
      } catch (error) {
        answers.push((error as { code?: string }).code ?? (error as Error).name);
      }
    }
    expect(answers[0]).toBe('APPROVAL_REFUSED');
    expect(answers.at(-1)).toBe('LoginThrottledError');
    // and now even the right PIN waits, as a sign-in would
    expect(() => attempt(ALICE.pin)).toThrow(/too many wrong PINs/);
  });
});
