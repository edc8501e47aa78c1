/**
 * This till's devices, made from the `devices` section of its config. The
 * browser display (/display) is always there; the rest only when configured.
 */
import { writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { DeviceLog } from '../../devices/device.ts';
import type { CashDrawer } from '../../devices/drawer/cash-drawer.ts';
import { PrinterDrawer } from '../../devices/drawer/printer-drawer.ts';
import { BrowserDisplay } from '../../devices/display/browser-display.ts';
import type { CustomerDisplay } from '../../devices/display/customer-display.ts';
import { FileDisplay } from '../../devices/display/file-display.ts';
import { SerialDisplay } from '../../devices/display/serial-display.ts';
import { decodeEscPos, receiptsOf } from '../../devices/escpos/escpos-decoder.ts';
import { EscPosPrinter } from '../../devices/printer/escpos-printer.ts';
import type { ReceiptPrinter } from '../../devices/printer/receipt-printer.ts';
import type { ImageBlock } from '../../devices/receipt/receipt-doc.ts';
import { COLUMNS_BY_PAPER } from '../../devices/receipt/receipt-doc.ts';
import type { EscPosOptions } from '../../devices/receipt/receipt-escpos.ts';
import { receiptToSvg } from '../../devices/receipt/receipt-svg.ts';
import type { BarcodeScanner } from '../../devices/scanner/barcode-scanner.ts';
import { LineScanner } from '../../devices/scanner/line-scanner.ts';
import { FileTransport } from '../../devices/transports/file-transport.ts';
import { SerialTransport } from '../../devices/transports/serial-transport.ts';
import { SimulatedTransport } from '../../devices/transports/simulated-transport.ts';
import { TcpTransport } from '../../devices/transports/tcp-transport.ts';
import type { Transport } from '../../devices/transports/transport.ts';
import type { DevicesConfig, PrinterConfig } from '../config/devices-schema.ts';
import {
  DEFAULT_IDLE_SECONDS,
  DEFAULT_KICK_WITHIN_SECONDS,
  DEFAULT_STALE_MINUTES,
  DEFAULT_WELCOME,
} from '../config/devices-schema.ts';
import { DEFAULT_PRINTER_MODEL } from '../../devices/receipt/receipt-escpos.ts';
import type { TillConfig } from '../config/load-config.ts';
import { loadLogo } from './logo.ts';

export interface Devices {
  printer?: ReceiptPrinter;
  /** How receipts are encoded for this printer (48 columns when there is none, for previews). */
  receipt: EscPosOptions & { logo?: ImageBlock };
  staleAfterMs: number;
  drawer?: CashDrawer;
  drawerKickWithinMs: number;
  /** The pole display, if any, and always the browser one. */
  displays: CustomerDisplay[];
  browserDisplay: BrowserDisplay;
  idleMs: number;
  welcome: string;
  scanner?: BarcodeScanner;
}

export function buildDevices(config: TillConfig, log: DeviceLog): Devices {
  const devices: DevicesConfig = config.devices;
  const inData = (path: string) => (isAbsolute(path) ? path : join(config.dataDir, path));
  const printerConfig = devices.printer;
  const printer = printerConfig
    ? new EscPosPrinter(printerTransport(printerConfig, inData), {
        status: printerConfig.status,
        log: log.child('printer'),
      })
    : undefined;
  const drawer =
    printer && devices.drawer
      ? new PrinterDrawer(printer, { ...devices.drawer, log: log.child('drawer') })
      : undefined;
  const browserDisplay = new BrowserDisplay(log.child('display'));
  const displays: CustomerDisplay[] = [browserDisplay];
  const display = devices.display;
  if (display?.transport === 'serial')
    displays.unshift(
      new SerialDisplay(new SerialTransport({ path: display.path, baudRate: display.baud }), {
        commandSet: display.commandSet,
        codepage: display.codepage,
        log: log.child('display'),
      }),
    );
  if (display?.transport === 'simulated')
    displays.unshift(new FileDisplay(inData(display.dir), log.child('display')));
  const scannerConfig = devices.scanner;
  const scanner =
    scannerConfig?.transport === 'serial'
      ? new LineScanner(
          new SerialTransport({ path: scannerConfig.path, baudRate: scannerConfig.baud }),
          scannerConfig.suffix,
          log.child('scanner'),
        )
      : scannerConfig?.transport === 'simulated'
        ? new LineScanner(simulatedInput(inData(scannerConfig.file)), 'lf', log.child('scanner'))
        : undefined;
  const columns = COLUMNS_BY_PAPER[printerConfig?.paperWidth ?? 80];
  return {
    printer,
    receipt: {
      columns,
      model: printerConfig?.model ?? DEFAULT_PRINTER_MODEL,
      codepage: printerConfig?.codepage ?? 'auto',
      cut: printerConfig?.cut ?? true,
      logo: printerConfig?.logo
        ? loadLogo(resolve(config.file, '..', printerConfig.logo), columns * 12)
        : undefined,
    },
    staleAfterMs: (printerConfig?.staleAfterMinutes ?? DEFAULT_STALE_MINUTES) * 60_000,
    drawer,
    drawerKickWithinMs: (devices.drawer?.kickWithinSeconds ?? DEFAULT_KICK_WITHIN_SECONDS) * 1000,
    displays,
    browserDisplay,
    idleMs: (display?.idleSeconds ?? DEFAULT_IDLE_SECONDS) * 1000,
    welcome: display?.welcome ?? DEFAULT_WELCOME,
    scanner,
  };
}

function printerTransport(config: PrinterConfig, inData: (p: string) => string): Transport {
  switch (config.transport) {
    case 'tcp':
      return new TcpTransport({ host: config.host, port: config.port });
    case 'serial':
      return new SerialTransport({ path: config.path, baudRate: config.baud });
    case 'file':
      return new FileTransport({ path: config.path });
    case 'simulated':
      return new SimulatedTransport({
        dir: inData(config.dir),
        name: 'ticket',
        // beside the raw ESC/POS bytes, what they print, decoded back: proof, not a second layout
        onSaved: (file, bytes) => {
          const docs = receiptsOf(decodeEscPos(bytes), COLUMNS_BY_PAPER[config.paperWidth]);
          if (docs.length) writeFileSync(file.replace(/\.bin$/, '.svg'), receiptToSvg(docs[0]!));
        },
      });
  }
}

function simulatedInput(file: string): Transport {
  return new SimulatedTransport({ dir: join(file, '..'), name: 'scanner', inputFile: file });
}
