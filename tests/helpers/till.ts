/** Starting tills in-process for tests: a temp data dir, a config, a silent logger. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TillConfig } from '../../node/config/load-config.ts';
import { parseConfig } from '../../node/config/load-config.ts';
import type { Actor } from '../../node/auth/sessions.ts';
import { createLogger } from '../../node/log.ts';
import type { LogSink } from '../../node/log.ts';
import { Till } from '../../node/till/till.ts';
import type { StaffId } from '../../crdt/ids.ts';

export const manager: Actor = { id: 'demo-alice' as StaffId, name: 'Alice', role: 'manager' };
export const cashier: Actor = { id: 'demo-bob' as StaffId, name: 'Bob', role: 'cashier' };

export function tempDir(prefix = 'posmesh-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function testConfig(dir: string, overrides: Record<string, unknown> = {}): TillConfig {
  const raw = {
    till: { code: 'T1', name: 'Test till' },
    dataDir: 'data',
    http: { port: 0 },
    mesh: { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false },
    demo: true,
    ...overrides,
  };
  return parseConfig(join(dir, 'mesh.config.json'), JSON.stringify(raw));
}

export interface TestTill {
  till: Till;
  dir: string;
  logs: string[];
  reopen(): Promise<Till>;
  cleanup(): void;
}

export async function openTestTill(
  overrides: Record<string, unknown> = {},
  now?: () => number,
): Promise<TestTill> {
  const dir = tempDir();
  const logs: string[] = [];
  const sink: LogSink = (line) => logs.push(line);
  const config = testConfig(dir.path, overrides);
  const open = () =>
    Till.open({
      config,
      log: createLogger({ component: 'till', level: 'debug', sink }),
      onFatal: (error) => {
        throw error;
      },
      now,
    });
  const state: TestTill = {
    till: await open(),
    dir: dir.path,
    logs,
    reopen: async () => {
      state.till.close();
      state.till = await open();
      return state.till;
    },
    cleanup: () => {
      state.till.close();
      dir.remove();
    },
  };
  return state;
}
