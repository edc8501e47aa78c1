/** `posmesh till`: run the till daemon until SIGINT or SIGTERM. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { configPathFromEnv, loadConfig } from '../../config/load-config.ts';
import { createLogger } from '../../log.ts';
import { Till } from '../../till/till.ts';
import { startApiServer } from '../../api/http-server.ts';
import { DEMO_STAFF } from '../../demo/demo-catalogue.ts';
import { removeRuntimeFile, writeRuntimeFile } from '../runtime-file.ts';

export async function tillCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { config: { type: 'string', short: 'c' } } });
  const config = loadConfig(
    values.config ? resolve(values.config) : configPathFromEnv(process.env),
  );
  const log = createLogger({ component: 'till' });
  const till = await Till.open({ config, log });
  let api;
  try {
    api = await startApiServer(till, log.child('api'));
  } catch (error) {
    till.close();
    throw error;
  }
  writeRuntimeFile(config.dataDir, {
    url: api.url,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  });
  log.info('till ready', { till: till.code, url: api.url, peerId: till.identity.peerId });
  const staff = config.demo
    ? ` Demo staff: ${DEMO_STAFF.map((s) => `${s.name} (${s.role}) PIN ${s.pin}`).join(', ')}.`
    : '';
  process.stderr.write(`\nposmesh till ${till.code} is ready: open ${api.url}${staff}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await api.close();
    till.close();
    removeRuntimeFile(config.dataDir);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
