/** `posmesh till`: run the till daemon (API, mesh) until SIGINT or SIGTERM. */
import { resolve } from 'node:path';
import { ConfigError, configPathFromEnv, loadConfig } from '../../config/load-config.ts';
import type { TillConfig } from '../../config/load-config.ts';
import { createLogger } from '../../log.ts';
import { Till } from '../../till/till.ts';
import { PortInUseError, startApiServer } from '../../api/http-server.ts';
import type { ApiServer } from '../../api/http-server.ts';
import { DEMO_STAFF } from '../../demo/demo-catalogue.ts';
import { loadOrCreateMeshSecret } from '../../mesh/mesh-secret.ts';
import { Mesh, MeshListenError, tillMeshHost } from '../../mesh/mesh.ts';
import { removeRuntimeFile, writeRuntimeFile } from '../runtime-file.ts';
import { secretFile } from './secret.ts';
import { RUN, parseCommand } from '../usage.ts';
import { DeviceService } from '../../devices/device-service.ts';
import { RETENTION_SWEEP_MS } from '../../till/transfer-retention.ts';

/** Device states reach the mesh's presence at most this often. */
const PRESENCE_DEVICES_MS = 250;
/** A relay's receipts come in bursts (a day of every till): one sweep after them. */
const RECEIPT_SWEEP_DELAY_MS = 1_000;

export async function tillCommand(args: string[]): Promise<void> {
  const { values } = parseCommand('till', args, { config: { type: 'string', short: 'c' } });
  const config = loadConfig(
    values.config ? resolve(values.config) : configPathFromEnv(process.env),
  );
  const log = createLogger({ component: 'till' });
  const { secret, created } = loadOrCreateMeshSecret(secretFile(config));
  if (created) {
    log.warn(
      `no mesh secret yet: this till starts a mesh of its own (\`${RUN} secret\` shows the join code)`,
      {
        meshId: secret.meshId,
      },
    );
  }
  const till = await Till.open({ config, log, mesh: { meshId: secret.meshId, created } });
  const devices = DeviceService.create(till, log.child('devices'));
  let api: ApiServer | undefined;
  let mesh: Mesh | undefined;
  try {
    await devices.start();
    api = await startApiServer(till, devices, log.child('api')).catch((error: unknown) => {
      throw httpListenError(config, error);
    });
    mesh = await Mesh.start({
      host: tillMeshHost(till),
      config: config.mesh,
      secret,
      log: log.child('mesh'),
    }).catch((error: unknown) => {
      throw error instanceof MeshListenError ? new ConfigError(config.file, error.problems) : error;
    });
  } catch (error) {
    await api?.close();
    await devices.stop();
    till.close();
    throw error;
  }
  const running = { api, mesh };
  // finished transfers leave the live document, and closed days the journal, once archived
  // (or after their retention period)
  const sweep = () => {
    try {
      till.retention.sweep();
    } catch (error) {
      log.error('retiring finished transfers failed', { error: (error as Error).message });
    }
    try {
      till.journalRetention.sweep();
    } catch (error) {
      log.error('dropping closed days from the journal failed', {
        error: (error as Error).message,
      });
    }
  };
  sweep();
  const retentionTimer = setInterval(sweep, RETENTION_SWEEP_MS);
  retentionTimer.unref();
  let receiptTimer: NodeJS.Timeout | undefined;
  const stopWatchingReceipts = till.journalRetention.onDayReceipt(() => {
    receiptTimer ??= setTimeout(() => {
      receiptTimer = undefined;
      sweep();
    }, RECEIPT_SWEEP_DELAY_MS);
  });
  till.provideStatus('mesh', () => running.mesh.status());
  till.provideStatus('devices', () => devices.status());
  // every till's devices on every till's status page
  let presenceTimer: NodeJS.Timeout | undefined;
  const sharePresence = () => {
    presenceTimer ??= setTimeout(() => {
      presenceTimer = undefined;
      running.mesh.presence.update({ devices: devices.status() });
    }, PRESENCE_DEVICES_MS);
  };
  devices.onStatus(sharePresence);
  sharePresence();
  writeRuntimeFile(config.dataDir, {
    url: api.url,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  });
  log.info('till ready', {
    till: till.code,
    url: api.url,
    peerId: till.identity.peerId,
    meshId: secret.meshId,
  });
  const staff = config.demo
    ? ` Demo staff: ${DEMO_STAFF.map((s) => `${s.name} (${s.role}) PIN ${s.pin}`).join(', ')}.`
    : '';
  process.stderr.write(`\nposmesh till ${till.code} is ready: open ${api.url}${staff}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    clearTimeout(presenceTimer);
    clearInterval(retentionTimer);
    clearTimeout(receiptTimer);
    stopWatchingReceipts();
    await running.mesh.stop();
    await running.api.close();
    await devices.stop();
    till.close();
    removeRuntimeFile(config.dataDir);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** Why the API could not listen where the config says, as a config error naming the field. */
function httpListenError(config: TillConfig, error: unknown): unknown {
  const { host, port } = config.http;
  if (error instanceof PortInUseError) return new ConfigError(config.file, [error.message]);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const syscall = (error as NodeJS.ErrnoException | undefined)?.syscall;
  if (syscall === 'getaddrinfo' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ConfigError(config.file, [
      `http.host: ${host} cannot be resolved (${code}): use an address of this machine, such as 127.0.0.1`,
    ]);
  if (code === 'EADDRNOTAVAIL')
    return new ConfigError(config.file, [`http.host: ${host} is not an address of this machine`]);
  if (code === 'EACCES')
    return new ConfigError(config.file, [
      `http.port: no permission to listen on ${host}:${port} (below 1024 needs privileges)`,
    ]);
  return error;
}
