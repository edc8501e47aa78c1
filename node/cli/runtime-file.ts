/**
 * A running till writes where its API listens (and its pid) into the data
 * directory, so the CLI on the same machine finds it even on a random port.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RUNTIME_FILE = 'till.runtime.json';

export interface RuntimeInfo {
  url: string;
  pid: number;
  startedAt: string;
}

export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  writeFileSync(join(dataDir, RUNTIME_FILE), JSON.stringify(info), { mode: 0o600 });
}

export function readRuntimeFile(dataDir: string): RuntimeInfo | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, RUNTIME_FILE), 'utf8')) as RuntimeInfo;
  } catch {
    return undefined;
  }
}

export function removeRuntimeFile(dataDir: string): void {
  rmSync(join(dataDir, RUNTIME_FILE), { force: true });
}
