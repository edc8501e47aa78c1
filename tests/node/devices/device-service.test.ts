/**
 * The hardware proxy in a till, with real devices on the far ends: a TCP
 * printer emulator (drawer on its port), a pole display and a scanner on pty
 * pairs. Paid sales print by themselves from the stored order, cash opens the
 * drawer once, the display follows the cart, scans add to the cart on screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderId, ProductId } from '../../../crdt/ids.ts';
import { deviceRig } from '../../helpers/device-rig.ts';
import type { DeviceRig } from '../../helpers/device-rig.ts';
import { cashier, manager } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const rigs: DeviceRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function open(options?: Parameters<typeof deviceRig>[0]) {
  const r = await deviceRig(options);
  rigs.push(r);
  r.t.till.days.openDay(manager, 10_000);
  return r;
}

function sell(r: DeviceRig, products: string[], method: 'cash' | 'card', extra = 0) {
  const { sales } = r.t.till;
  const cart = sales.createCart(cashier);
  for (const p of products)
    sales.applyOp(cashier, cart.id, { type: 'addProduct', productId: p as ProductId });
  const total = sales.ownOrder(cart.id).order.lines.reduce((s, l) => s + l.unitPrice * l.qty, 0);
  return sales.pay(cashier, cart.id, [{ method, amount: total + extra }]);
}

const demo = (r: DeviceRig, n: number) => r.t.till.catalogue.search('', 10)[n]!.id;

describe('hardware proxy in the till', () => {
  describe.each(['tcp', 'serial'] as const)('with the printer on %s', (printerOn) => {
    it('prints a paid cash sale by itself, from the stored order, with exactly one drawer kick', async () => {
      const r = await open({ printerOn });
      r.t.till.updateSettings(manager, {
        shopName: 'Café Zürich',
        receiptFooter: 'Спасибо · Ευχαριστώ',
      });
      const order = sell(r, [demo(r, 0), demo(r, 1)], 'cash', 500);
      await waitFor(() => r.emulator.receipts.length === 1, { what: 'the receipt' });
      const [receipt] = r.emulator.receipts;
      const text = receipt!.lines.join('\n');
      expect(text).toContain(order.number!);
      for (const line of order.lines) expect(text).toContain(line.name);
      expect(text).toMatch(/Change\s+5\.00/);
      // through the code pages the printer was switched to: cp437, cp866, cp851
      expect(text).toContain('Café Zürich');
      expect(text).toContain('Спасибо · Ευχαριστώ');
      expect(receipt!.qr).toEqual([`posmesh:${order.number}:${order.sig}`]);
      expect(r.emulator.pulses).toHaveLength(1);
      await waitFor(() => r.t.till.days.xReport().drawer.sales === 1, {
        what: 'the opening in the X report',
      });
      await waitFor(() => r.devices.status().find((s) => s.kind === 'drawer')?.drawer === 'open', {
        what: 'the drawer switch read as open',
      });
    });

    it('never opens the drawer for a card sale', async () => {
      const r = await open({ printerOn });
      sell(r, [demo(r, 0)], 'card');
      await waitFor(() => r.emulator.receipts.length === 1, { what: 'the receipt' });
      expect(r.emulator.pulses).toEqual([]);
      expect(r.t.till.days.xReport().drawer).toMatchObject({ sales: 0, noSale: 0 });
    });
  });

  it('shows each line, the total, then the payment and the change on the pole display', async () => {
    const r = await open({ idleSeconds: 3 });
    await waitFor(() => r.pole.screens.some((s) => s[0].includes('Welcome')), { what: 'welcome' });
    const [p0, p1] = [
      r.t.till.ctx.catalogue.product(demo(r, 0))!,
      r.t.till.ctx.catalogue.product(demo(r, 1))!,
    ];
    sell(r, [p0.id, p1.id, p1.id], 'cash', 1_000);
    await waitFor(() => r.pole.screens.at(-1)?.[0].startsWith('Paid'), { what: 'the paid screen' });
    const screens = r.pole.screens.map((s) => s.join(' | '));
    const shown = (re: RegExp) => screens.findIndex((s) => re.test(s));
    const order = [
      new RegExp(`^${p0.name}`),
      new RegExp(`^${p1.name}`),
      new RegExp(`^2x ${p1.name}`),
      /^Paid .* \| Change\s+10\.00$/,
    ];
    const at = order.map(shown);
    expect(
      at.every((i) => i >= 0),
      screens.join('\n'),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(screens[at[1]!]).toMatch(/\| Total\s+\d+\.\d\d$/);
    await waitFor(() => r.pole.screens.at(-1)?.[0].includes('Welcome'), {
      what: 'welcome again',
      timeoutMs: 8_000,
    });
  });

  it('adds scanned codes to the cart on screen, and refuses a bad code on screen and display', async () => {
    const r = await open();
    const { token } = r.t.till.auth.login('demo-bob', '0000', 'test');
    const product = r.t.till.ctx.catalogue.product(demo(r, 2))!;
    r.devices.focus.set(null, token);
    r.scan(product.barcodes[0]!); // signed in, no cart on screen yet: the scan starts one
    const added = await waitFor(
      () => r.devices.events.since(0).find((e) => e.type === 'scan-added'),
      { what: 'scan-added' },
    );
    const cartId = (added as { cartId: string }).cartId as OrderId;
    r.scan(product.barcodes[0]!);
    r.scan('4006381333932'); // wrong check digit
    r.scan('4006381333931'); // valid, unknown here
    await waitFor(
      () => r.devices.events.since(0).filter((e) => e.type === 'scan-refused').length === 2,
      { what: 'two refusals' },
    );
    const cart = r.t.till.sales.ownOrder(cartId).order;
    expect(cart.lines).toMatchObject([
      { productId: product.id, qty: 2, barcode: product.barcodes[0] },
    ]);
    const refused = r.devices.events.since(0).filter((e) => e.type === 'scan-refused');
    expect(refused).toMatchObject([
      {
        code: '4006381333932',
        error: 'INVALID_BARCODE',
        message: expect.stringMatching(/expected 1/),
      },
      { code: '4006381333931', error: 'UNKNOWN_BARCODE' },
    ]);
    await waitFor(
      () => r.pole.screens.some((s) => s[0] === 'Unknown code' && s[1] === '4006381333931'),
      {
        what: 'the display says so',
      },
    );
  });

  it('opens an order when its receipt is scanned, and ignores scans when nobody is signed in', async () => {
    const r = await open();
    const order = sell(r, [demo(r, 0)], 'card');
    r.scan(product(r));
    await waitFor(() => r.devices.events.since(0).some((e) => e.type === 'scan-ignored'), {
      what: 'ignored',
    });
    r.scan(order.number!);
    const event = await waitFor(
      () => r.devices.events.since(0).find((e) => e.type === 'order-scanned'),
      { what: 'order-scanned' },
    );
    expect(event).toMatchObject({ number: order.number });
    expect(r.t.till.sales.openCarts()).toEqual([]);
  });

  it('reprints a copy without opening the drawer; a manager opens it without a sale, recorded', async () => {
    const r = await open();
    const order = sell(r, [demo(r, 0)], 'cash');
    await waitFor(() => r.emulator.receipts.length === 1, { what: 'the receipt' });
    r.devices.reprint(cashier, order.number!);
    await waitFor(() => r.emulator.receipts.length === 2, { what: 'the copy' });
    expect(r.emulator.receipts[1]!.lines[0]).toContain('*** COPY ***');
    expect(r.emulator.pulses).toHaveLength(1);
    await expect(r.devices.openDrawer(cashier, 'change')).rejects.toThrow(/manager/);
    await r.devices.openDrawer(manager, 'change for the bakery');
    expect(r.emulator.pulses).toHaveLength(2);
    const x = r.t.till.days.xReport();
    expect(x.drawer).toMatchObject({ sales: 1, noSale: 1 });
    expect(x.drawer.noSaleOpenings).toMatchObject([
      { by: { name: 'Alice' }, reason: 'change for the bakery' },
    ]);
  });

  it('sells with the printer off; the ticket waits, the till says why, and it prints once the printer is back', async () => {
    const r = await open();
    await r.printerOff();
    const order = sell(r, [demo(r, 0)], 'card');
    expect(order.status).toBe('paid');
    await waitFor(() => r.devices.status().find((s) => s.kind === 'printer')?.state === 'offline', {
      what: 'offline',
    });
    expect(r.devices.status().find((s) => s.kind === 'printer')).toMatchObject({
      queue: { waiting: 1, held: 0 },
      reason: expect.stringContaining('127.0.0.1'),
    });
    await r.printerOn();
    await waitFor(() => r.emulator.receipts.length === 1, {
      what: 'printed when back',
      timeoutMs: 20_000,
    });
    expect(r.emulator.receipts[0]!.lines.join('\n')).toContain(order.number!);
  });

  it('holds a ticket that waited overnight for the printer, and prints it when a person says so', async () => {
    let clock = Date.now();
    const r = await open({ now: () => clock, staleAfterMinutes: 60 });
    await r.printerOff();
    const order = sell(r, [demo(r, 0)], 'cash');
    clock += 9 * 3_600_000; // the printer stays off all night
    await r.printerOn();
    const held = await waitFor(() => r.devices.printJobs().find((j) => j.state === 'held'), {
      what: 'the stale ticket held',
      timeoutMs: 20_000,
    });
    expect(held).toMatchObject({
      label: order.number,
      lastError: expect.stringMatching(/540 min ago/),
    });
    expect(r.emulator.receipts).toEqual([]);
    r.devices.releaseJob(manager, held.id);
    await waitFor(() => r.emulator.receipts.length === 1, { what: 'printed once released' });
    // the job is marked done once the printer took the last byte, a moment after it printed
    await waitFor(() => r.devices.printJobs()[0]?.state === 'done', { what: 'the ticket done' });
    expect(r.emulator.pulses).toEqual([]); // hours after the sale: no drawer popping open
    expect(r.devices.printJobs()[0]).toMatchObject({ state: 'done', drawer: 'skipped' });
    expect(r.emulator.receipts).toHaveLength(1);
  });

  it('completes a sale with the display and scanner unplugged, says so, and recovers when they are back', async () => {
    const r = await open();
    await r.unplugSerial();
    await waitFor(
      () =>
        r.devices
          .status()
          .filter((s) => s.kind === 'scanner' || s.address.startsWith('serial'))
          .every((s) => s.state === 'offline'),
      { what: 'display and scanner offline' },
    );
    const order = sell(r, [demo(r, 0)], 'cash');
    expect(order.status).toBe('paid');
    await r.plugSerial();
    await waitFor(() => r.pole.screens.at(-1)?.[0].startsWith('Paid'), {
      what: 'the display shows the payment',
      timeoutMs: 20_000,
    });
    const { token } = r.t.till.auth.login('demo-bob', '0000', 'test');
    r.devices.focus.set(null, token);
    await waitFor(() => r.devices.status().find((s) => s.kind === 'scanner')?.state === 'ready', {
      what: 'scanner back',
      timeoutMs: 20_000,
    });
    r.scan(product(r));
    await waitFor(() => r.devices.events.since(0).some((e) => e.type === 'scan-added'), {
      what: 'a scan after the replug',
    });
  });
});

function product(r: DeviceRig): string {
  return r.t.till.ctx.catalogue.product(demo(r, 3))!.barcodes[0]!;
}
