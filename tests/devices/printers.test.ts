/** The printer contract over every transport, each with a real far end. */
import {
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { decodeEscPos, receiptsOf } from '../../devices/escpos/escpos-decoder.ts';
import { EscPosPrinter } from '../../devices/printer/escpos-printer.ts';
import { FileTransport } from '../../devices/transports/file-transport.ts';
import { SerialTransport } from '../../devices/transports/serial-transport.ts';
import { SimulatedTransport } from '../../devices/transports/simulated-transport.ts';
import { TcpTransport } from '../../devices/transports/tcp-transport.ts';
import { createLogger } from '../../node/log.ts';
import {
  attachEmulatorToFd,
  EscPosPrinterEmulator,
  startTcpPrinterEmulator,
} from '../helpers/escpos-emulator.ts';
import { startPtyPair } from '../helpers/socat.ts';
import { tempDir } from '../helpers/till.ts';
import { runPrinterContract } from './printer-contract.ts';

const log = createLogger({ component: 'test', level: 'silent' });
const decoded = (bytes: Uint8Array) =>
  receiptsOf(decodeEscPos(bytes), 48).filter((r) => r.complete);
const requestsIn = (bytes: Uint8Array) =>
  decodeEscPos(bytes).flatMap((i) => (i.type === 'status' ? [i.n] : []));

runPrinterContract(
  'ESC/POS over TCP (a port-9100 printer on loopback)',
  async () => {
    const emulator = new EscPosPrinterEmulator();
    let server = await startTcpPrinterEmulator({ emulator });
    const port = server.port;
    return {
      printer: new EscPosPrinter(new TcpTransport({ host: '127.0.0.1', port }), {
        status: true,
        log,
      }),
      printed: () => emulator.receipts,
      unplug: () => server.close(),
      plug: async () => void (server = await startTcpPrinterEmulator({ emulator, port })),
      setState: (state) => Object.assign(emulator.state, state),
      requests: () => emulator.statusRequests,
      cleanup: () => server.close(),
    };
  },
  { twoWay: true },
);

runPrinterContract(
  'ESC/POS over serial (a socat pty pair)',
  async () => {
    const dir = tempDir();
    const pty = await startPtyPair(dir.path, 'printer');
    const emulator = new EscPosPrinterEmulator();
    let far = attachEmulatorToFd(emulator, openSync(pty.peer, 'r+'));
    return {
      printer: new EscPosPrinter(new SerialTransport({ path: pty.device, baudRate: 9600 }), {
        status: true,
        log,
      }),
      printed: () => emulator.receipts,
      unplug: async () => {
        far.close();
        await pty.stop();
      },
      plug: async () => {
        await pty.restart();
        far = attachEmulatorToFd(emulator, openSync(pty.peer, 'r+'));
      },
      setState: (state) => Object.assign(emulator.state, state),
      requests: () => emulator.statusRequests,
      cleanup: async () => {
        far.close();
        await pty.stop();
        dir.remove();
      },
    };
  },
  { twoWay: true },
);

runPrinterContract(
  'ESC/POS to a line-printer device file',
  async () => {
    const dir = tempDir();
    const lp = join(dir.path, 'lp0');
    const away = join(dir.path, 'unplugged');
    writeFileSync(lp, '');
    return {
      printer: new EscPosPrinter(new FileTransport({ path: lp }), { status: true, log }),
      printed: () => decoded(readFileSync(existsSync(lp) ? lp : away)),
      unplug: async () => renameSync(lp, away),
      plug: async () => renameSync(away, lp),
      requests: () => requestsIn(readFileSync(lp)),
      cleanup: async () => dir.remove(),
    };
  },
  { twoWay: false },
);

runPrinterContract(
  'ESC/POS to the simulated printer (files in the data directory)',
  async () => {
    const dir = tempDir();
    const out = join(dir.path, 'printer');
    mkdirSync(out);
    const all = () =>
      readdirSync(out)
        .filter((f) => f.endsWith('.bin'))
        .sort()
        .map((f) => readFileSync(join(out, f)));
    return {
      printer: new EscPosPrinter(new SimulatedTransport({ dir: out, name: 'ticket' }), {
        status: true,
        log,
      }),
      printed: () => all().flatMap(decoded),
      unplug: async () => {
        renameSync(out, `${out}-away`);
        writeFileSync(out, 'not a directory');
      },
      plug: async () => {
        rmSync(out);
        renameSync(`${out}-away`, out);
      },
      requests: () => all().flatMap(requestsIn),
      cleanup: async () => dir.remove(),
    };
  },
  { twoWay: false },
);
