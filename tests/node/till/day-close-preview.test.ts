/** The Z report shown before closing is the one the close records, and previewing writes nothing. */
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { errorCode } from '../../helpers/domain.ts';
import type { TestTill } from '../../helpers/till.ts';
import { cashier, manager, openTestTill } from '../../helpers/till.ts';

const [p1] = demoProducts();
let t: TestTill | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('closing preview', () => {
  it('gives the Z report and the open carts of the close, and writes nothing', async () => {
    t = await openTestTill();
    const { till } = t;
    till.days.openDay(manager, 5000);
    const cart = till.sales.createCart(cashier);
    till.sales.applyOp(cashier, cart.id, { type: 'addBarcode', barcode: p1!.barcodes[0]!, qty: 2 });
    till.sales.pay(cashier, cart.id, [{ method: 'card', amount: p1!.price * 2 }]);
    const open = till.sales.createCart(cashier);
    till.days.cashMove(manager, -700, 'bank deposit');
    const counted = { cash: 4000, card: p1!.price * 2 };

    expect(errorCode(() => till.days.closePreview(cashier, counted))).toBe('MANAGER_ONLY');
    expect(errorCode(() => till.days.closePreview(manager, {}))).toBe('INVALID_COUNT');
    const preview = till.days.closePreview(manager, counted);
    expect(preview.openCarts).toEqual([{ id: open.id, lines: 0, openedBy: cashier.name }]);
    expect(preview.report.variance).toEqual({ cash: 4000 - (5000 - 700), card: 0 });
    expect(till.days.current()).toBeDefined();
    expect(till.status().day?.openCarts).toBe(1);

    const closed = till.days.closeDay(manager, counted, { carryOver: true });
    const { closedAt: _previewed, ...previewed } = preview.report;
    const { closedAt: _recorded, ...recorded } = closed.report;
    expect(previewed).toEqual(recorded);
    expect(closed.carriedOver).toEqual(preview.openCarts);
  });
});
