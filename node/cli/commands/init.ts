/**
 * `posmesh init`: writes a till's mesh.config.json, makes its data directory,
 * identity and operator token, and optionally its first manager.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE_NAME, ensureDataDir, parseConfig } from '../../config/load-config.ts';
import { createLogger } from '../../log.ts';
import { OPERATOR } from '../../auth/till-auth.ts';
import { Till } from '../../till/till.ts';
import { CliError } from '../till-client.ts';
import { loadOrCreateMeshSecret, writeMeshSecret } from '../../mesh/mesh-secret.ts';
import { secretFile } from './secret.ts';

export const SIMULATED_DEVICES = {
  printer: { transport: 'simulated' },
  drawer: { pin: 2 },
  display: { transport: 'simulated' },
  scanner: { transport: 'simulated' },
};

export async function initCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string', default: '.' },
      code: { type: 'string', default: 'T1' },
      name: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '7310' },
      'data-dir': { type: 'string', default: 'data' },
      currency: { type: 'string', default: 'EUR' },
      demo: { type: 'boolean', default: false },
      'manager-name': { type: 'string' },
      'manager-pin': { type: 'string' },
      join: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const dir = resolve(values.dir);
  const file = join(dir, CONFIG_FILE_NAME);
  if (existsSync(file) && !values.force)
    throw new CliError(`${file} exists; pass --force to overwrite it`);
  const port = Number(values.port);
  const raw = {
    till: { code: values.code, name: values.name ?? `Till ${values.code}` },
    roles: { sender: true, receiver: true },
    dataDir: values['data-dir'],
    http: { host: values.host, port: Number.isInteger(port) ? port : values.port },
    demo: values.demo,
    currency: values.currency,
    // a demo till gets devices that write into its data directory: a receipt without hardware
    ...(values.demo ? { devices: SIMULATED_DEVICES } : {}),
  };
  const text = `${JSON.stringify(raw, null, 2)}\n`;
  // validated before it is written: a bad flag must not leave a bad config behind
  const config = parseConfig(file, text);
  ensureDataDir(config);
  writeFileSync(file, text);
  const secretPath = secretFile(config);
  // a join code joins an existing mesh; without one, this till starts a mesh of its own
  const secret = values.join
    ? writeMeshSecret(secretPath, values.join)
    : loadOrCreateMeshSecret(secretPath).secret;
  const till = await Till.open({ config, log: createLogger({ component: 'init', level: 'warn' }) });
  try {
    if (values['manager-name'] || values['manager-pin']) {
      if (!values['manager-name'] || !values['manager-pin'])
        throw new CliError('give both --manager-name and --manager-pin');
      till.staff.upsert(OPERATOR, {
        name: values['manager-name'],
        role: 'manager',
        pin: values['manager-pin'],
      });
    }
    process.stdout.write(
      [
        `wrote ${file}`,
        `till ${config.till.code}, data in ${config.dataDir}, peer id ${till.identity.peerId}`,
        values.join
          ? `joined mesh ${secret.meshId}`
          : `new mesh ${secret.meshId}; other tills join it with: posmesh join ${secret.joinCode}`,
        till.auth.staffList().length === 0
          ? 'no staff yet: add a manager with --manager-name and --manager-pin, or join a mesh that has staff'
          : `staff: ${till.auth
              .staffList()
              .map((s) => `${s.name} (${s.role})`)
              .join(', ')}`,
        `start it with: posmesh till --config ${file}`,
        '',
      ].join('\n'),
    );
  } finally {
    till.close();
  }
}
