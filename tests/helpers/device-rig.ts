/**
 * A till with real devices on its far ends, for hardware-proxy tests: a
 * port-9100 printer emulator on loopback (with the drawer on its port), a pole
 * display and a scanner on socat pty pairs.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { DeviceService } from '../../node/devices/device-service.ts';
import { createLogger } from '../../node/log.ts';
import {
  attachEmulatorToFd,
  EscPosPrinterEmulator,
  startTcpPrinterEmulator,
} from './escpos-emulator.ts';
import type { TcpPrinterEmulator } from './escpos-emulator.ts';
import { PoleDisplayEmulator } from './pole-display-emulator.ts';
import { startPtyPair } from './socat.ts';
import type { PtyPair } from './socat.ts';
import { openTestTill, tempDir } from './till.ts';
import type { TestTill } from './till.ts';

export interface DeviceRig {
  t: TestTill;
  devices: DeviceService;
  printer: TcpPrinterEmulator;
  emulator: EscPosPrinterEmulator;
  pole: PoleDisplayEmulator;
  displayPty: PtyPair;
  scannerPty: PtyPair;
  /** The scanner hardware reads a code (CR suffix). */
  scan(code: string): void;
  /** The network printer is switched off, and on again at the same address. */
  printerOff(): Promise<void>;
  printerOn(): Promise<void>;
  /** The display's and the scanner's cables are pulled, and plugged back. */
  unplugSerial(): Promise<void>;
  plugSerial(): Promise<void>;
  close(): Promise<void>;
}

export interface RigOptions {
  staleAfterMinutes?: number;
  idleSeconds?: number;
  now?: () => number;
  /** Where the printer is: on the network (port 9100 emulator) or on a serial pty. */
  printerOn?: 'tcp' | 'serial';
}

export async function deviceRig(options: RigOptions = {}): Promise<DeviceRig> {
  const ptyDir = tempDir('posmesh-devices-');
  const emulator = new EscPosPrinterEmulator();
  let printer = await startTcpPrinterEmulator({ emulator });
  const port = printer.port;
  const printerPty =
    options.printerOn === 'serial' ? await startPtyPair(ptyDir.path, 'printer') : undefined;
  const printerEnd = printerPty && attachEmulatorToFd(emulator, openSync(printerPty.peer, 'r+'));
  const stale = options.staleAfterMinutes ?? 30;
  const printerConfig = printerPty
    ? { transport: 'serial', path: printerPty.device, staleAfterMinutes: stale }
    : { transport: 'tcp', host: '127.0.0.1', port, staleAfterMinutes: stale };
  const displayPty = await startPtyPair(ptyDir.path, 'display');
  const scannerPty = await startPtyPair(ptyDir.path, 'scanner');
  const pole = new PoleDisplayEmulator('epson', 'cp858');
  let poleEnd: ReadStream | undefined;
  let scannerFd = -1;
  const attach = () => {
    poleEnd = new ReadStream(openSync(displayPty.peer, 'r+'));
    poleEnd.setRawMode(true);
    poleEnd.on('data', (chunk: Buffer) => pole.write(chunk));
    scannerFd = openSync(scannerPty.peer, 'r+');
  };
  const detach = () => {
    poleEnd?.destroy();
    if (scannerFd >= 0) closeSync(scannerFd);
    scannerFd = -1;
  };
  attach();
  const t = await openTestTill(
    {
      devices: {
        printer: printerConfig,
        drawer: { pin: 2, sensor: 'open-high' },
        display: {
          transport: 'serial',
          path: displayPty.device,
          commandSet: 'epson',
          codepage: 'cp858',
          idleSeconds: options.idleSeconds ?? 30,
        },
        scanner: { transport: 'serial', path: scannerPty.device, suffix: 'cr' },
      },
    },
    options.now,
  );
  const devices = DeviceService.create(
    t.till,
    createLogger({ component: 'devices', level: 'silent' }),
  );
  await devices.start();
  return {
    t,
    devices,
    get printer() {
      return printer;
    },
    emulator,
    pole,
    displayPty,
    scannerPty,
    scan: (code) => void writeSync(scannerFd, `${code}\r`),
    printerOff: () => printer.close(),
    printerOn: async () => void (printer = await startTcpPrinterEmulator({ emulator, port })),
    unplugSerial: async () => {
      detach();
      await Promise.all([displayPty.stop(), scannerPty.stop()]);
    },
    plugSerial: async () => {
      await Promise.all([displayPty.restart(), scannerPty.restart()]);
      attach();
    },
    close: async () => {
      await devices.stop();
      t.cleanup();
      detach();
      printerEnd?.close();
      await Promise.all([
        displayPty.stop(),
        scannerPty.stop(),
        printerPty?.stop(),
        printer.close(),
      ]);
      ptyDir.remove();
    },
  };
}
