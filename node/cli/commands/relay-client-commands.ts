/**
 * The CLI for a relay on this machine: its status (through its API), reports
 * from its archive and the archive's books verified (read from the database
 * itself, as an auditor would: sales per till per day, and per shop; every
 * signature and chain).
 */
import { openArchiveSink } from '../../archive/open-archive.ts';
import type { ArchivedDayTotals } from '../../archive/archive-sink.ts';
import type { BooksReport } from '../../books/verify-books.ts';
import { formatMoney } from '../../../crdt/money.ts';
import type { RelayConfig } from '../../config/relay-schema.ts';
import { readMeshSecret } from '../../mesh/mesh-secret.ts';
import { verifyArchive } from '../../relay/archive-books.ts';
import { relaySecretFile, storedRelayTrust } from '../../relay/relay-files.ts';
import type { RelayStatus } from '../../relay/relay.ts';
import { meshLines } from '../format-status.ts';
import { TillClient } from '../till-client.ts';

export async function relayStatusText(config: RelayConfig, json: boolean): Promise<string> {
  const client = TillClient.forPeer({ ...config, code: config.name, command: 'relay' });
  const status = await client.request<RelayStatus>('GET', '/api/status');
  if (json) return JSON.stringify(status, null, 2);
  const a = status.archive;
  const counts = Object.entries(a.archived)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  return [
    `relay "${status.relay.name}"  peer ${status.relay.peerId}  mesh ${status.relay.meshId}`,
    `archive: ${a.target}`,
    `  archived: ${counts || 'nothing yet'}; last at ${a.lastArchivedAt ?? 'never'}`,
    `  waiting: ${a.pending} record(s), the oldest for ${Math.round(a.lagMs / 1000)} s${a.lastError ? `; failing: ${a.lastError}` : ''}`,
    `documents: ${status.docs.length} (${status.docs.reduce((s, d) => s + d.bytes, 0)} B)`,
    `up ${Math.round(status.uptimeMs / 1000)} s`,
    ...meshLines(status.mesh),
  ].join('\n');
}

/** Sales per till per business day from the archive, then per shop (mesh); `date` narrows to one day. */
export async function archiveReportText(
  config: RelayConfig,
  options: { date?: string; json: boolean },
): Promise<string> {
  const sink = openArchiveSink(config);
  await sink.start();
  try {
    const days = (await sink.dayTotals()).filter(
      (d) => !options.date || d.businessDate === options.date,
    );
    if (options.json) return JSON.stringify(days, null, 2);
    if (days.length === 0) return 'the archive holds no sales yet';
    const money = (d: ArchivedDayTotals, minor: number) => formatMoney(minor, d.currency);
    const lines = days.map(
      (d) =>
        `${d.businessDate}  ${d.till.padEnd(8)} ${String(d.sales).padStart(6)} sales ${money(d, d.salesTotal).padStart(14)}  ${String(d.refunds).padStart(4)} refunds ${money(d, d.refundsTotal).padStart(12)}  net ${money(d, d.net).padStart(14)}`,
    );
    const shops = new Map<string, ArchivedDayTotals>();
    for (const d of days) {
      const key = `${d.meshId} ${d.currency}`;
      const s = shops.get(key) ?? {
        ...d,
        till: '',
        businessDate: '',
        sales: 0,
        salesTotal: 0,
        refunds: 0,
        refundsTotal: 0,
        net: 0,
      };
      shops.set(key, {
        ...s,
        sales: s.sales + d.sales,
        salesTotal: s.salesTotal + d.salesTotal,
        refunds: s.refunds + d.refunds,
        refundsTotal: s.refundsTotal + d.refundsTotal,
        net: s.net + d.net,
      });
    }
    return [
      'date        till       sales                    refunds                   net',
      ...lines,
      '',
      ...[...shops.values()].map(
        (s) =>
          `shop ${s.meshId}: ${s.sales} sales ${money(s, s.salesTotal)}, ${s.refunds} refunds ${money(s, s.refundsTotal)}, net ${money(s, s.net)}`,
      ),
    ].join('\n');
  } finally {
    await sink.stop();
  }
}

/**
 * The books of this relay's mesh in its archive (an archive shared by shops holds others'
 * too), checked against the till registry the relay archived by; `date` narrows to one day.
 */
export async function archiveBooks(config: RelayConfig, date?: string): Promise<BooksReport> {
  const { meshId } = readMeshSecret(relaySecretFile(config));
  const trust = storedRelayTrust(config);
  const sink = openArchiveSink(config);
  await sink.start();
  try {
    return await verifyArchive(sink, meshId, trust, date);
  } finally {
    await sink.stop();
  }
}
