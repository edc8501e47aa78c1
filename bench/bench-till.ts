/** Tills for benchmarks: real SQLite files in a temp dir, logs off. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StaffId } from '../crdt/ids.ts';
import type { Actor } from '../node/auth/sessions.ts';
import { parseConfig } from '../node/config/load-config.ts';
import { createLogger } from '../node/log.ts';
import { Till } from '../node/till/till.ts';

export const benchCashier: Actor = { id: 'demo-bob' as StaffId, name: 'Bob', role: 'cashier' };
export const benchManager: Actor = { id: 'demo-alice' as StaffId, name: 'Alice', role: 'manager' };

export interface BenchDir {
  path: string;
  configFile: string;
  remove(): void;
}

export function benchDir(code = 'B1'): BenchDir {
  const path = mkdtempSync(join(tmpdir(), 'posmesh-bench-'));
  const configFile = join(path, 'mesh.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      till: { code, name: 'Bench till' },
      dataDir: 'data',
      http: { port: 0 },
      mesh: { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false },
      demo: true,
    }),
  );
  return { path, configFile, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function openBenchTill(dir: BenchDir): Promise<Till> {
  return Till.open({
    config: parseConfig(dir.configFile, readFileSync(dir.configFile, 'utf8')),
    log: createLogger({ component: 'bench', level: 'silent' }),
  });
}
