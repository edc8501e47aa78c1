/** CLI commands that talk to the running till: status, report, catalogue import. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportResult } from '../../../crdt/api-types.ts';
import { importCatalogueCsv } from '../../../crdt/catalogue-import-batches.ts';
import type { DayReport } from '../../../crdt/report.ts';
import type { DeviceStatus, MeshStatus } from '../../../crdt/status.ts';
import { configPathFromEnv, loadConfig } from '../../config/load-config.ts';
import type { Till } from '../../till/till.ts';
import { formatDayReport } from '../format-report.ts';
import { meshLines } from '../format-status.ts';
import { progress } from '../progress.ts';
import { CliError, TillClient } from '../till-client.ts';
import { UsageError, parseCommand } from '../usage.ts';
import { localBusinessDate } from '../../till/business-date.ts';
import { isRelayConfigFile, loadRelayConfig } from '../../config/relay-schema.ts';
import { archiveReportText, relayStatusText } from './relay-client-commands.ts';

const common = {
  config: { type: 'string', short: 'c' },
  json: { type: 'boolean', default: false },
} as const;

const configFile = (configPath: string | undefined) =>
  configPath ? resolve(configPath) : configPathFromEnv(process.env);

function clientFor(configPath: string | undefined): TillClient {
  return TillClient.forConfig(loadConfig(configFile(configPath)));
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export async function statusCommand(args: string[]): Promise<void> {
  const { values } = parseCommand('status', args, common);
  const file = configFile(values.config);
  if (isRelayConfigFile(file))
    return print(await relayStatusText(loadRelayConfig(file), values.json));
  const status = await clientFor(values.config).request<ReturnType<Till['status']>>(
    'GET',
    '/api/status',
  );
  if (values.json) return print(JSON.stringify(status, null, 2));
  const day = status.day
    ? `open since ${status.day.businessDate} (${status.day.paid} paid, ${status.day.openCarts} open carts)`
    : 'closed';
  print(
    [
      `till ${status.till.code} "${status.till.name}"  peer ${status.till.peerId}`,
      `business day: ${day}${status.carriedOver ? `, ${status.carriedOver} cart(s) waiting for the next day` : ''}`,
      `catalogue: ${status.catalogue.products} products${status.catalogue.invalidRecords ? `, ${status.catalogue.invalidRecords} invalid records ignored` : ''}`,
      `journal: ${status.journal.orders} orders, ${status.journal.days} closed days`,
      `live documents: ${status.docs.map((d) => `${d.name} (${d.bytes} B)`).join(', ')}`,
      `up ${Math.round(status.uptimeMs / 1000)} s, ${Math.round(status.memory.rss / 1048576)} MiB`,
      ...deviceLines((status as { devices?: DeviceStatus[] }).devices ?? []),
      ...meshLines((status as { mesh?: MeshStatus }).mesh),
    ].join('\n'),
  );
}

function deviceLines(devices: DeviceStatus[]): string[] {
  if (devices.length === 0) return [];
  return [
    'devices:',
    ...devices.map((d) => {
      const queue = d.queue ? ` (${d.queue.waiting} waiting, ${d.queue.held} held)` : '';
      const reason = d.reason ? `: ${d.reason}` : '';
      return `  ${d.label.padEnd(16)} ${d.state.padEnd(10)} ${d.address}${queue}${reason}`;
    }),
  ];
}

export async function reportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    'report',
    args,
    { ...common, date: { type: 'string' } },
    1,
  );
  const kind = positionals[0];
  const file = configFile(values.config);
  if (isRelayConfigFile(file)) {
    if (kind !== 'archive')
      throw new UsageError('report', 'a relay reports from its archive: say archive');
    return print(
      await archiveReportText(loadRelayConfig(file), { date: values.date, json: values.json }),
    );
  }
  if (kind !== 'x' && kind !== 'z')
    throw new UsageError('report', kind ? `"${kind}" is neither x nor z` : 'say x or z');
  const client = clientFor(values.config);
  const path =
    kind === 'x'
      ? '/api/reports/x'
      : `/api/reports/z/${values.date ?? localBusinessDate(Date.now())}`;
  const report = await client.request<DayReport>('GET', path);
  print(values.json ? JSON.stringify(report, null, 2) : formatDayReport(report));
}

export async function catalogueCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand('catalogue', args, common, 2);
  if (positionals[0] !== 'import')
    throw new UsageError(
      'catalogue',
      positionals[0] ? `unknown subcommand "${positionals[0]}"` : 'say import',
    );
  if (!positionals[1]) throw new UsageError('catalogue', 'give the CSV file to import');
  const file = resolve(positionals[1]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const client = clientFor(values.config);
  const bar = progress(`importing ${file}`);
  const totals = await importCatalogueCsv(
    text,
    (batch) => client.request<ImportResult>('POST', '/api/catalogue/import', batch),
    (done, total) => bar.update(done, total),
  );
  bar.end();
  if (values.json) print(JSON.stringify(totals, null, 2));
  else {
    for (const e of totals.errors)
      print(`${file}:${e.line}${e.column ? ` (${e.column})` : ''}: ${e.message}`);
    print(
      `${totals.created} created, ${totals.updated} updated, ${totals.categories} new categories, ${totals.errors.length} rows refused`,
    );
  }
  if (totals.errors.length > 0)
    throw new CliError(`${totals.errors.length} row(s) were not imported`, 2);
}
