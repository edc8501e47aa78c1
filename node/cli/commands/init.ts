/**
 * `posmesh init`: writes a till's mesh.config.json, makes its data directory,
 * identity and operator token, and optionally its first manager.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIPv6 } from 'node:net';
import { CONFIG_FILE_NAME, ensureDataDir, parseConfig } from '../../config/load-config.ts';
import {
  DEFAULT_HTTP_HOST,
  DEFAULT_HTTP_PORT,
  DEFAULT_MESH_HOST,
  DEFAULT_MESH_PORT,
} from '../../config/schema.ts';
import { createLogger } from '../../log.ts';
import { OPERATOR } from '../../auth/till-auth.ts';
import { Till } from '../../till/till.ts';
import { CliError } from '../till-client.ts';
import {
  loadOrCreateMeshSecret,
  meshSecretFromJoinCode,
  writeMeshSecret,
} from '../../mesh/mesh-secret.ts';
import { loadOrCreateIdentity } from '../../identity.ts';
import type { TillCode } from '../../../crdt/ids.ts';
import { checkMeshCode } from './mesh-code.ts';
import { secretFile } from './secret.ts';
import { pickPort } from '../free-port.ts';
import { RUN, UsageError, parseCommand } from '../usage.ts';

export const SIMULATED_DEVICES = {
  printer: { transport: 'simulated' },
  drawer: { pin: 2 },
  display: { transport: 'simulated' },
  scanner: { transport: 'simulated' },
};

/** A new mesh's first till. */
const DEFAULT_CODE = 'T1';

const INIT_OPTIONS = {
  dir: { type: 'string', default: '.' },
  code: { type: 'string' },
  name: { type: 'string' },
  host: { type: 'string', default: DEFAULT_HTTP_HOST },
  port: { type: 'string' },
  'mesh-host': { type: 'string', default: DEFAULT_MESH_HOST },
  'mesh-port': { type: 'string' },
  peer: { type: 'string', multiple: true, default: [] as string[] },
  'no-mdns': { type: 'boolean', default: false },
  'data-dir': { type: 'string', default: 'data' },
  currency: { type: 'string', default: 'EUR' },
  demo: { type: 'boolean', default: false },
  'manager-name': { type: 'string' },
  'manager-pin': { type: 'string' },
  join: { type: 'string' },
  force: { type: 'boolean', default: false },
} as const;

function portOption(flag: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new UsageError('init', `${flag}: a port number from 0 to 65535 (got "${value}")`);
  return port;
}

/** The default if no other program holds it on this machine, else a free one, said in a note. */
async function freePort(
  flag: string,
  field: string,
  host: string,
  preferred: number,
  notes: string[],
  avoid: number[] = [],
): Promise<number> {
  const port = await pickPort(host, preferred, { avoid });
  if (port !== preferred)
    notes.push(`${field} ${preferred} is in use on this machine: using ${port} (${flag} chooses)`);
  return port;
}

export async function initCommand(args: string[]): Promise<void> {
  const { values } = parseCommand('init', args, INIT_OPTIONS);
  const dir = resolve(values.dir);
  const file = join(dir, CONFIG_FILE_NAME);
  if (existsSync(file) && !values.force)
    throw new CliError(`${file} exists; pass --force to overwrite it`);
  const meshHost = values['mesh-host'];
  const configText = (code: string, port: number, meshPort: number) => {
    const raw = {
      till: { code, name: values.name ?? `Till ${code}` },
      roles: { sender: true, receiver: true },
      dataDir: values['data-dir'],
      http: { host: values.host, port },
      mesh: {
        listen: [`/${isIPv6(meshHost) ? 'ip6' : 'ip4'}/${meshHost}/tcp/${meshPort}`],
        mdns: !values['no-mdns'],
        peers: values.peer,
      },
      demo: values.demo,
      currency: values.currency,
      // a demo till gets devices that write into its data directory: a receipt without hardware
      ...(values.demo ? { devices: SIMULATED_DEVICES } : {}),
    };
    return `${JSON.stringify(raw, null, 2)}\n`;
  };
  const givenPort = values.port === undefined ? undefined : portOption('--port', values.port);
  const givenMeshPort =
    values['mesh-port'] === undefined ? undefined : portOption('--mesh-port', values['mesh-port']);
  // validated before it is written (and before ports are looked for): a bad flag must not
  // leave a bad config behind (a new mesh starts at T1; a till joining one gets a free code)
  const draftCode = values.code ?? DEFAULT_CODE;
  parseConfig(
    file,
    configText(draftCode, givenPort ?? DEFAULT_HTTP_PORT, givenMeshPort ?? DEFAULT_MESH_PORT),
  );
  // a bad join code is refused before anything is written
  const joining = values.join === undefined ? undefined : meshSecretFromJoinCode(values.join);
  const notes: string[] = [];
  const port =
    givenPort ?? (await freePort('--port', 'http.port', values.host, DEFAULT_HTTP_PORT, notes));
  const meshPort =
    givenMeshPort ??
    (await freePort('--mesh-port', 'mesh port', meshHost, DEFAULT_MESH_PORT, notes, [port]));
  const draft = parseConfig(file, configText(draftCode, port, meshPort));
  ensureDataDir(draft);
  const log = createLogger({ component: 'init', level: 'warn' });
  let code = draftCode;
  if (joining) {
    const checked = await checkMeshCode({
      given: values.code as TillCode | undefined,
      secret: joining,
      mesh: draft.mesh,
      host: meshHost,
      self: (await loadOrCreateIdentity(draft.dataDir)).peerId,
      howToChange: 'leave --code out to take a free one, or choose another:',
      log,
      progress: (line) => process.stdout.write(`${line}\n`),
    });
    code = checked.code;
    notes.push(...checked.notes);
  }
  const text = configText(code, port, meshPort);
  const config = parseConfig(file, text);
  writeFileSync(file, text);
  const secretPath = secretFile(config);
  // a join code joins an existing mesh; without one, this till starts a mesh of its own
  const { secret, created } = values.join
    ? { secret: writeMeshSecret(secretPath, values.join), created: false }
    : loadOrCreateMeshSecret(secretPath);
  const till = await Till.open({
    config,
    log,
    // a till that joins takes the mesh's settings; only the one that made it seeds them
    mesh: { meshId: secret.meshId, created },
  });
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
        ...notes,
        `wrote ${file}`,
        `till ${config.till.code}, data in ${config.dataDir}, peer id ${till.identity.peerId}`,
        values.join
          ? `joined mesh ${secret.meshId}`
          : `new mesh ${secret.meshId}; other tills join it with: ${RUN} join ${secret.joinCode}`,
        till.auth.staffList().length === 0
          ? values.join
            ? 'no staff here yet: they arrive from the mesh once this till connects'
            : 'no staff yet: add a manager with --manager-name and --manager-pin, or join a mesh that has staff'
          : `staff: ${till.auth
              .staffList()
              .map((s) => `${s.name} (${s.role})`)
              .join(', ')}`,
        `start it with: ${RUN} till --config ${file}`,
        '',
      ].join('\n'),
    );
  } finally {
    till.close();
  }
}
