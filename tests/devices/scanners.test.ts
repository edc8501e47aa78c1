/** The scanner contract for serial scanners (CR, LF, CR LF) and the simulated one. */
import { appendFileSync, closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LineScanner } from '../../devices/scanner/line-scanner.ts';
import { SerialTransport } from '../../devices/transports/serial-transport.ts';
import { SimulatedTransport } from '../../devices/transports/simulated-transport.ts';
import { createLogger } from '../../node/log.ts';
import { startPtyPair } from '../helpers/socat.ts';
import { tempDir } from '../helpers/till.ts';
import { runScannerContract } from './scanner-contract.ts';

const log = createLogger({ component: 'test', level: 'silent' });
const SUFFIX = { cr: '\r', lf: '\n', crlf: '\r\n' } as const;

for (const suffix of ['cr', 'lf', 'crlf'] as const)
  runScannerContract(
    `serial scanner ending codes with ${suffix.toUpperCase()}`,
    async () => {
      const dir = tempDir();
      const pty = await startPtyPair(dir.path, 'scanner');
      let fd = openSync(pty.peer, 'r+');
      return {
        scanner: new LineScanner(
          new SerialTransport({ path: pty.device, baudRate: 9600 }),
          suffix,
          log,
        ),
        suffix: SUFFIX[suffix],
        send: async (text) => void writeSync(fd, Buffer.from(text, 'latin1')),
        unplug: async () => {
          closeSync(fd);
          await pty.stop();
        },
        plug: async () => {
          await pty.restart();
          fd = openSync(pty.peer, 'r+');
        },
        cleanup: async () => {
          closeSync(fd);
          await pty.stop();
          dir.remove();
        },
      };
    },
    { pluggable: true },
  );

runScannerContract(
  'simulated scanner (lines appended to a file)',
  async () => {
    const dir = tempDir();
    const file = join(dir.path, 'scanner.in');
    return {
      scanner: new LineScanner(
        new SimulatedTransport({ dir: dir.path, name: 'scanner', inputFile: file }),
        'lf',
        log,
      ),
      suffix: '\n',
      send: async (text) => appendFileSync(file, text),
      cleanup: async () => dir.remove(),
    };
  },
  { pluggable: false },
);
