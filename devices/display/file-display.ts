/**
 * A simulated customer display for a till without one: the current two lines in
 * `display.txt` (what the customer would read) and every screen, timed, in
 * `display.log`, both in the data directory.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceLog } from '../device.ts';
import { TrackedDevice } from '../device-status.ts';
import type { CustomerDisplay } from './customer-display.ts';
import type { DisplayScreen } from '../../crdt/status.ts';

export class FileDisplay extends TrackedDevice implements CustomerDisplay {
  private screen: DisplayScreen | undefined;
  private running = false;

  constructor(
    private readonly dir: string,
    log: DeviceLog,
  ) {
    super('display', `simulated ${join(dir, 'display.txt')}`, log);
  }

  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    try {
      mkdirSync(this.dir, { recursive: true });
      this.running = true;
      this.tracker.set('ready');
      if (this.screen) this.write(this.screen);
    } catch (error) {
      this.tracker.set('error', `cannot write ${this.dir}: ${(error as Error).message}`);
    }
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.running = false;
    this.tracker.set('stopped');
    return Promise.resolve();
  }

  current(): DisplayScreen | undefined {
    return this.screen;
  }

  show(screen: DisplayScreen): Promise<void> {
    this.screen = screen;
    if (this.running) this.write(screen);
    return Promise.resolve();
  }

  private write(screen: DisplayScreen): void {
    try {
      const text = `${screen.lines[0]}\n${screen.lines[1]}\n`;
      writeFileSync(join(this.dir, 'display.txt'), text);
      appendFileSync(
        join(this.dir, 'display.log'),
        `${new Date().toISOString()} ${screen.kind}\n${text.replace(/^/gm, '  | ')}`,
      );
      this.tracker.used();
    } catch (error) {
      this.tracker.set('error', `cannot write ${this.dir}: ${(error as Error).message}`);
    }
  }
}
