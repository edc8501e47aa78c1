/** `posmesh relay`: run the relay (mesh, archive, its small API) until SIGINT or SIGTERM. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openArchiveSink } from '../../archive/open-archive.ts';
import { ensureDataDir } from '../../config/load-config.ts';
import { loadRelayConfig } from '../../config/relay-schema.ts';
import { serveApi } from '../../api/http-server.ts';
import { createLogger } from '../../log.ts';
import { writeMeshSecret } from '../../mesh/mesh-secret.ts';
import { Relay } from '../../relay/relay.ts';
import { relaySecretFile } from '../../relay/relay-files.ts';
import { relayRoutes } from '../../relay/relay-routes.ts';
import { serveRelayPage } from '../../relay/relay-page.ts';
import { removeRuntimeFile, writeRuntimeFile } from '../runtime-file.ts';
import { CliError } from '../till-client.ts';
import { parseCommand, RUN } from '../usage.ts';

export async function relayCommand(args: string[]): Promise<void> {
  const { values } = parseCommand('relay', args, {
    config: { type: 'string', short: 'c' },
    join: { type: 'string' },
  });
  const config = loadRelayConfig(resolve(values.config ?? 'relay.config.json'));
  ensureDataDir(config);
  const secretFile = relaySecretFile(config);
  if (values.join) {
    if (existsSync(secretFile))
      throw new CliError(
        `${secretFile}: this relay is already in a mesh; remove the file to leave it`,
      );
    writeMeshSecret(secretFile, values.join);
  } else if (!existsSync(secretFile))
    throw new CliError(
      `${secretFile}: no mesh secret: a relay joins a mesh, start it once with --join CODE (\`${RUN} secret\` on a till prints the code)`,
    );
  const log = createLogger({ component: 'relay' });
  const relay = await Relay.start(config, openArchiveSink, log);
  const api = await serveApi({
    routes: relayRoutes(relay),
    auth: relay.auth,
    log: log.child('api'),
    listen: config.http,
    page: serveRelayPage,
  }).catch(async (error: unknown) => {
    await relay.stop();
    throw error;
  });
  writeRuntimeFile(config.dataDir, {
    url: api.url,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  });
  log.info('relay ready', {
    name: config.name,
    url: api.url,
    peerId: relay.mesh.node.peerId.toString(),
  });
  process.stderr.write(`posmesh relay ${config.name} ready at ${api.url}\n`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  removeRuntimeFile(config.dataDir);
  await api.close();
  await relay.stop();
}
