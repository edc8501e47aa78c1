/**
 * `posmesh secret` prints this till's join code; `posmesh join CODE` makes the
 * till a member of the mesh with that code (restart it afterwards). A manager
 * reads the code on one till and types it on the next: one step per till.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configPathFromEnv, loadConfig } from '../../config/load-config.ts';
import type { TillConfig } from '../../config/load-config.ts';
import { meshSecretFromJoinCode, readMeshSecret, writeMeshSecret } from '../../mesh/mesh-secret.ts';
import { loadOrCreateIdentity } from '../../identity.ts';
import { createLogger } from '../../log.ts';
import { checkMeshCode } from './mesh-code.ts';
import { CliError } from '../till-client.ts';
import { RUN, UsageError, parseCommand } from '../usage.ts';

export const secretFile = (config: TillConfig): string =>
  resolve(config.dataDir, config.mesh.secretFile);

function configFrom(path: string | undefined): TillConfig {
  return loadConfig(path ? resolve(path) : configPathFromEnv(process.env));
}

export function secretCommand(args: string[]): Promise<void> {
  const { values } = parseCommand('secret', args, { config: { type: 'string', short: 'c' } });
  const file = secretFile(configFrom(values.config));
  if (!existsSync(file))
    throw new CliError(
      `${file} does not exist yet: start the till once, or join a mesh with \`${RUN} join\``,
    );
  const secret = readMeshSecret(file);
  process.stdout.write(`join code: ${secret.joinCode}\nmesh id:   ${secret.meshId}\n`);
  return Promise.resolve();
}

export async function joinCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    'join',
    args,
    { config: { type: 'string', short: 'c' }, force: { type: 'boolean', default: false } },
    1,
  );
  const code = positionals[0];
  if (!code)
    throw new UsageError(
      'join',
      'give the join code (`npx posmesh secret` on a till of the mesh shows it)',
    );
  const config = configFrom(values.config);
  const file = secretFile(config);
  if (existsSync(file) && !values.force) {
    const current = readMeshSecret(file);
    if (current.joinCode === code.trim().toLowerCase()) {
      process.stdout.write(`already in mesh ${current.meshId}\n`);
      return;
    }
    throw new CliError(
      `${file} already holds the secret of mesh ${current.meshId}; pass --force to leave it for the new one`,
    );
  }
  // this till's code must be free in the mesh it joins: asked before the secret is written
  const { notes } = await checkMeshCode({
    given: config.till.code,
    secret: meshSecretFromJoinCode(code),
    mesh: config.mesh,
    host: meshHost(config.mesh.listen),
    self: (await loadOrCreateIdentity(config.dataDir)).peerId,
    howToChange: `change till.code in ${config.file}:`,
    log: createLogger({ component: 'join', level: 'warn' }),
    progress: (line) => process.stdout.write(`${line}\n`),
  });
  const secret = writeMeshSecret(file, code);
  process.stdout.write(
    [...notes, `joined mesh ${secret.meshId}; restart the till (${RUN} till) to connect`, ''].join(
      '\n',
    ),
  );
}

/** The host of the till's first mesh address (the probe listens there, on any port). */
function meshHost(listen: readonly string[]): string {
  return /^\/ip[46]\/([^/]+)/.exec(listen[0] ?? '')?.[1] ?? '127.0.0.1';
}
