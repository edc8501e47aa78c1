/**
 * The cash drawer through the printer's drawer port, over a real TCP and a real
 * serial link: the kick's exact bytes, kicks checked against the drawer switch
 * where the printer reports it, and a state that follows the printer's.
 */
import { openSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterDrawer } from '../../devices/drawer/printer-drawer.ts';
import { EscPosPrinter } from '../../devices/printer/escpos-printer.ts';
import { SerialTransport } from '../../devices/transports/serial-transport.ts';
import { TcpTransport } from '../../devices/transports/tcp-transport.ts';
import type { Transport } from '../../devices/transports/transport.ts';
import { createLogger } from '../../node/log.ts';
import {
  attachEmulatorToFd,
  EscPosPrinterEmulator,
  startTcpPrinterEmulator,
} from '../helpers/escpos-emulator.ts';
import { startPtyPair } from '../helpers/socat.ts';
import { tempDir } from '../helpers/till.ts';
import { waitFor } from '../helpers/wait-for.ts';

const log = createLogger({ component: 'test', level: 'silent' });
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Far = { emulator: EscPosPrinterEmulator; transport: Transport; unplug(): Promise<void> };

const links: Record<string, () => Promise<Far>> = {
  'a network printer': async () => {
    const emulator = new EscPosPrinterEmulator();
    const server = await startTcpPrinterEmulator({ emulator });
    cleanups.push(() => server.close());
    return {
      emulator,
      transport: new TcpTransport({ host: '127.0.0.1', port: server.port }),
      unplug: () => server.close(),
    };
  },
  'a serial printer': async () => {
    const dir = tempDir();
    const pty = await startPtyPair(dir.path, 'printer');
    const emulator = new EscPosPrinterEmulator();
    const far = attachEmulatorToFd(emulator, openSync(pty.peer, 'r+'));
    cleanups.push(async () => {
      far.close();
      await pty.stop();
      dir.remove();
    });
    return {
      emulator,
      transport: new SerialTransport({ path: pty.device, baudRate: 9600 }),
      unplug: async () => {
        far.close();
        await pty.stop();
      },
    };
  },
};

async function drawerOn(
  far: Far,
  options: { pin?: 2 | 5; sensor?: 'none' | 'open-high' | 'open-low' } = {},
  printer = new EscPosPrinter(far.transport, { status: true, log }),
) {
  const drawer = new PrinterDrawer(printer, {
    pin: options.pin ?? 2,
    pulseMs: 100,
    sensor: options.sensor ?? 'open-high',
    log,
  });
  await printer.start();
  await drawer.start();
  cleanups.push(async () => {
    await drawer.stop();
    await printer.stop();
  });
  return drawer;
}

describe.each(Object.keys(links))('cash drawer on %s', (kind) => {
  it('kicks with ESC p on the configured pin, and with the real-time kick while the paper is out', async () => {
    const far = await links[kind]!();
    const drawer = await drawerOn(far, { pin: 5 });
    expect([...drawer.pulse]).toEqual([0x1b, 0x70, 0x01, 0x32, 0xfa]);
    await drawer.open();
    expect(drawer.status()).toMatchObject({ kind: 'drawer', state: 'ready', drawer: 'open' });
    far.emulator.state.drawerOpen = false;
    far.emulator.state.paper = 'out';
    await drawer.open();
    // ESC p 1 50 250 (x 2 ms), then DLE DC4 1 1 1 (x 100 ms): an offline printer runs only the second
    expect(far.emulator.pulses).toMatchObject([
      { pin: 1, onMs: 100, offMs: 500 },
      { pin: 1, onMs: 100, offMs: 100, realtime: true },
    ]);
    expect(drawer.status()).toMatchObject({ state: 'ready', drawer: 'open' });
  });

  it('says so when a kick did not open the drawer', async () => {
    const far = await links[kind]!();
    far.emulator.state.drawerJammed = true;
    const drawer = await drawerOn(far);
    await drawer.open();
    expect(drawer.status()).toMatchObject({
      state: 'error',
      drawer: 'closed',
      reason: expect.stringMatching(/did not open/),
    });
  });

  it('reads the switch either way round, and reports unknown without a sensor', async () => {
    const far = await links[kind]!();
    // this emulated drawer pulls pin 3 high when open; a drawer wired the other way reads inverted
    const printer = new EscPosPrinter(far.transport, { status: true, log });
    expect(await (await drawerOn(far, { sensor: 'open-high' }, printer)).verify()).toBe('closed');
    expect(await (await drawerOn(far, { sensor: 'open-low' }, printer)).verify()).toBe('open');
    expect(await (await drawerOn(far, { sensor: 'none' }, printer)).verify()).toBe('unknown');
  });

  it('is offline when its printer is, and says it is through the printer', async () => {
    const far = await links[kind]!();
    const drawer = await drawerOn(far);
    await far.unplug();
    await drawer.open().catch(() => undefined);
    await waitFor(() => drawer.status().state === 'offline', { what: 'drawer offline' });
    expect(drawer.status().reason).toMatch(/^through the printer: /);
  });
});
