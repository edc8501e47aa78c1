/** The display contract for every customer display, each with a real far end. */
import { existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { expect } from 'vitest';
import { ReadStream } from 'node:tty';
import { join } from 'node:path';
import { BrowserDisplay } from '../../devices/display/browser-display.ts';
import { FileDisplay } from '../../devices/display/file-display.ts';
import { SerialDisplay } from '../../devices/display/serial-display.ts';
import { SerialTransport } from '../../devices/transports/serial-transport.ts';
import { createLogger } from '../../node/log.ts';
import { PoleDisplayEmulator } from '../helpers/pole-display-emulator.ts';
import { startPtyPair } from '../helpers/socat.ts';
import { tempDir } from '../helpers/till.ts';
import { runDisplayContract } from './display-contract.ts';

const log = createLogger({ component: 'test', level: 'silent' });

for (const commandSet of ['epson', 'cd5220'] as const)
  runDisplayContract(
    `${commandSet} pole display over serial`,
    async () => {
      const dir = tempDir();
      const pty = await startPtyPair(dir.path, 'display');
      const pole = new PoleDisplayEmulator(commandSet, 'cp858');
      let far: ReadStream | undefined;
      const attach = () => {
        far = new ReadStream(openSync(pty.peer, 'r+'));
        far.setRawMode(true);
        far.on('data', (chunk: Buffer) => pole.write(chunk));
      };
      attach();
      return {
        display: new SerialDisplay(new SerialTransport({ path: pty.device, baudRate: 9600 }), {
          commandSet,
          codepage: 'cp858',
          log,
        }),
        seen: () => pole.screens,
        unplug: async () => {
          far?.destroy();
          await pty.stop();
        },
        plug: async () => {
          await pty.restart();
          attach();
        },
        cleanup: async () => {
          far?.destroy();
          await pty.stop();
          dir.remove();
        },
      };
    },
    { pluggable: true },
  );

runDisplayContract(
  'simulated display (display.txt and display.log in the data directory)',
  async () => {
    const dir = join(tempDir().path, 'devices');
    const read = (file: string) =>
      existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').split('\n') : [];
    return {
      display: new FileDisplay(dir, log),
      // display.log holds every screen in order (a time, then the two lines indented);
      // display.txt is what shows now, and must be the last of them
      seen: () => {
        const lines = read('display.log');
        const screens: Array<[string, string]> = [];
        for (let i = 0; i + 2 < lines.length; i += 3)
          screens.push([lines[i + 1]!.slice(4), lines[i + 2]!.slice(4)]);
        const [now0 = '', now1 = ''] = read('display.txt');
        if (screens.length) expect(screens.at(-1)).toEqual([now0, now1]);
        return screens;
      },
      cleanup: async () => rmSync(join(dir, '..'), { recursive: true, force: true }),
    };
  },
  { pluggable: false },
);

runDisplayContract(
  'browser display (/display)',
  async () => {
    const display = new BrowserDisplay(log);
    const seen: Array<[string, string]> = [];
    const stop = display.watch((s) => seen.push(s.lines));
    return {
      display,
      seen: () => seen,
      cleanup: async () => stop(),
    };
  },
  { pluggable: false },
);
