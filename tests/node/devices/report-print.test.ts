/**
 * Day reports and the test page on the receipt printer: queued like a receipt
 * (an unplugged printer prints them when it is back), printed through the one
 * ESC/POS encoder with the report's own totals, and refused in words when
 * there is no such day or the asker is no manager.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deviceRig } from '../../helpers/device-rig.ts';
import type { DeviceRig } from '../../helpers/device-rig.ts';
import { cashier, manager } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const rigs: DeviceRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function openWithSales() {
  const r = await deviceRig();
  rigs.push(r);
  const { till } = r.t;
  till.updateSettings(manager, { shopName: 'Épicerie Zoé' });
  till.days.openDay(manager, 10_000);
  const [a, b] = till.catalogue.search('', 10);
  for (const [product, method] of [
    [a!, 'cash'],
    [b!, 'card'],
  ] as const) {
    const cart = till.sales.createCart(cashier);
    till.sales.applyOp(cashier, cart.id, {
      type: 'addProduct',
      productId: product.id,
    });
    till.sales.pay(cashier, cart.id, [{ method, amount: product.price }]);
  }
  // the two receipts print first: the report is the third ticket
  await waitFor(() => r.emulator.receipts.length === 2, { what: 'the receipts' });
  return r;
}

const amount = (minor: number) => (minor / 100).toFixed(2);

describe('reports on the receipt printer', () => {
  it("prints the open day's X report with its totals by method and tax", async () => {
    const r = await openWithSales();
    const x = r.t.till.days.xReport();
    const job = r.devices.printXReport(manager);
    expect(job).toMatchObject({ kind: 'report', label: `X T1 ${x.businessDate}` });
    await waitFor(() => r.emulator.receipts.length === 3, { what: 'the X report' });
    const text = r.emulator.receipts[2]!.lines.join('\n');
    expect(text).toContain('Épicerie Zoé');
    expect(text).toContain('X REPORT');
    expect(text).toMatch(new RegExp(`Sales \\(2\\)\\s+${amount(x.sales.total)}`));
    expect(text).toMatch(new RegExp(`NET\\s+\\S*${amount(x.net)}`));
    expect(text).toMatch(new RegExp(`Cash\\s+${amount(x.byMethod.cash)}`));
    expect(text).toMatch(new RegExp(`Card\\s+${amount(x.byMethod.card)}`));
    expect(text).toMatch(new RegExp(`Expected in drawer\\s+${amount(x.cash.expected)}`));
    expect(x.taxes.length).toBeGreaterThan(0);
    for (const tax of x.taxes) expect(text).toContain(amount(tax.tax));
  });

  it("prints a closed day's Z report with what was counted and the variance", async () => {
    const r = await openWithSales();
    const x = r.t.till.days.xReport();
    const { report } = r.t.till.days.closeDay(
      manager,
      { cash: x.expected.cash - 150, card: x.expected.card },
      { carryOver: true },
    );
    r.devices.printZReport(manager, report.businessDate);
    await waitFor(() => r.emulator.receipts.length === 3, { what: 'the Z report' });
    const text = r.emulator.receipts[2]!.lines.join('\n');
    expect(text).toContain('Z REPORT');
    expect(text).toMatch(new RegExp(`Business day\\s+${report.businessDate}`));
    expect(text).toMatch(/variance\s+-1\.50/);
    expect(text).toMatch(new RegExp(`Sales \\(2\\)\\s+${amount(report.sales.total)}`));
  });

  it('queues a report while the printer is off and prints it, as it was asked for, once back', async () => {
    const r = await openWithSales();
    const asked = r.t.till.days.xReport();
    await r.printerOff();
    r.devices.printXReport(manager);
    // a sale after the request does not change the report that waits
    const cart = r.t.till.sales.createCart(cashier);
    const product = r.t.till.catalogue.search('', 1)[0]!;
    r.t.till.sales.applyOp(cashier, cart.id, {
      type: 'addProduct',
      productId: product.id,
    });
    r.t.till.sales.pay(cashier, cart.id, [{ method: 'card', amount: product.price }]);
    await waitFor(
      () => r.devices.status().find((s) => s.kind === 'printer')?.queue?.waiting === 2,
      { what: 'both tickets waiting' },
    );
    await r.printerOn();
    await waitFor(() => r.emulator.receipts.length === 4, {
      what: 'printed when back',
      timeoutMs: 20_000,
    });
    const text = r.emulator.receipts[2]!.lines.join('\n');
    expect(text).toMatch(new RegExp(`Sales \\(2\\)\\s+${amount(asked.sales.total)}`));
  });

  it('holds a report that waited overnight for the printer, like a receipt, until a person says', async () => {
    let clock = Date.now();
    const r = await deviceRig({ now: () => clock, staleAfterMinutes: 60 });
    rigs.push(r);
    r.t.till.days.openDay(manager, 10_000);
    await r.printerOff();
    const job = r.devices.printXReport(manager);
    clock += 9 * 3_600_000;
    await r.printerOn();
    const held = await waitFor(() => r.devices.printJobs().find((j) => j.state === 'held'), {
      what: 'the stale report held',
      timeoutMs: 20_000,
    });
    expect(held).toMatchObject({
      id: job.id,
      lastError: expect.stringMatching(/^asked for 540 min ago/),
    });
    r.devices.releaseJob(manager, held.id);
    await waitFor(() => r.emulator.receipts.length === 1, { what: 'printed once released' });
    expect(r.emulator.receipts[0]!.lines.join('\n')).toContain('X REPORT');
  });

  it('prints a test page, and refuses an unknown day and a cashier in words', async () => {
    const r = await openWithSales();
    expect(r.devices.testPrint(manager)).toMatchObject({ kind: 'test', state: 'waiting' });
    await waitFor(() => r.emulator.receipts.length === 3, { what: 'the test page' });
    expect(r.emulator.receipts[2]!.lines.join('\n')).toContain('The printer works.');
    expect(() => r.devices.printZReport(manager, '1999-01-01')).toThrow(
      /no closed business day 1999-01-01/,
    );
    expect(() => r.devices.printXReport(cashier)).toThrow(/manager/);
  });
});
