/**
 * Reads and checks a till's config. Every error names the file, the field and
 * the reason, so an operator can fix it without reading code.
 */
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TillCode } from '../../crdt/ids.ts';
import type { z } from 'zod';
import type { ConfigFile } from './schema.ts';
import { configSchema } from './schema.ts';

export interface TillConfig extends Omit<ConfigFile, 'till'> {
  /** Absolute path of the config file. */
  file: string;
  till: Omit<ConfigFile['till'], 'code'> & { code: TillCode };
  /** Absolute. */
  dataDir: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
  }
}

export const CONFIG_FILE_NAME = 'mesh.config.json';

/** POSMESH_CONFIG picks the file, POSMESH_DATA_DIR overrides its dataDir. */
export function configPathFromEnv(env: NodeJS.ProcessEnv, fallback = CONFIG_FILE_NAME): string {
  return resolve(env.POSMESH_CONFIG || fallback);
}

export function parseConfig(file: string, text: string, env: NodeJS.ProcessEnv = {}): TillConfig {
  const config = parseJsonWith(configSchema, file, text);
  const dataDir = resolve(dirname(file), env.POSMESH_DATA_DIR ?? config.dataDir);
  return {
    ...config,
    file,
    till: { ...config.till, code: config.till.code as TillCode },
    dataDir,
  };
}

/** A config file checked against a schema; every problem names its field and what was there. */
export function parseJsonWith<S extends z.ZodType>(
  schema: S,
  file: string,
  text: string,
): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => {
        const where = issue.path.length ? issue.path.join('.') : '(top level)';
        const got = valueAt(raw, issue.path);
        const shown =
          got === undefined || (typeof got === 'object' && got !== null)
            ? ''
            : ` (got ${JSON.stringify(got)})`;
        return `${where}: ${issue.message}${shown}`;
      }),
    );
  }
  return parsed.data;
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): TillConfig {
  const config = parseConfig(file, readConfigFile(file), env);
  ensureDataDir(config);
  return config;
}

export function readConfigFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      code === 'ENOENT'
        ? 'no such file (create one with `npx posmesh init`)'
        : `cannot read: ${(error as Error).message}`,
    ]);
  }
}

export function ensureDataDir(config: { file: string; dataDir: string }): void {
  try {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    accessSync(config.dataDir, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new ConfigError(config.file, [
      `dataDir: ${config.dataDir} is not a readable, writable directory (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
