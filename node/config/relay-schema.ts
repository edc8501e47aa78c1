/**
 * A relay's config (`role: "relay"`): a peer of the mesh with no till code and
 * no cashier. It holds every document, passes updates between tills that only
 * reach it, and archives finished business to a database.
 */
import { resolve, dirname } from 'node:path';
import { z } from 'zod';
import { parseJsonWith, readConfigFile } from './load-config.ts';
import { httpSchema, meshWithDefaults } from './schema.ts';

/** The embedded archive, relative to the relay's dataDir. */
export const DEFAULT_ARCHIVE_FILE = 'archive.db';

export const relayConfigSchema = z.strictObject({
  role: z.literal('relay'),
  /** What tills show for it on their status page. */
  name: z.string().min(1).max(60).default('relay'),
  /** Relative paths are relative to the config file. */
  dataDir: z.string().min(1),
  http: httpSchema,
  mesh: meshWithDefaults,
  /** Where finished business is archived: SQLite in the dataDir, or a PostgreSQL server. */
  archive: z
    .union([
      z.strictObject({ sqlite: z.string().min(1) }),
      z.strictObject({
        postgres: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'a URL such as postgres://user@host:5432/posmesh'),
      }),
    ])
    .default({ sqlite: DEFAULT_ARCHIVE_FILE }),
});

export type RelayConfig = z.infer<typeof relayConfigSchema> & {
  /** Absolute path of the config file. */
  file: string;
  /** Absolute. */
  dataDir: string;
};

export function parseRelayConfig(file: string, text: string): RelayConfig {
  const config = parseJsonWith(relayConfigSchema, file, text);
  return { ...config, file, dataDir: resolve(dirname(file), config.dataDir) };
}

export const loadRelayConfig = (file: string): RelayConfig =>
  parseRelayConfig(file, readConfigFile(file));

/** A config file that says `"role": "relay"` (the CLI's status and report serve both). */
export function isRelayConfigFile(file: string): boolean {
  try {
    return (JSON.parse(readConfigFile(file)) as { role?: unknown }).role === 'relay';
  } catch {
    return false; // the till's loader then says what is wrong with it
  }
}
