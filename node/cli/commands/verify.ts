/**
 * `posmesh verify`: checks the books held in this till's database offline — the
 * signatures and the chain of every till whose sales it holds — and says what
 * is wrong and where. Given a relay's config, the same for every order of the
 * mesh in the relay's archive. Exits 1 when anything is wrong.
 */
import { join, resolve } from 'node:path';
import { configPathFromEnv, loadConfig } from '../../config/load-config.ts';
import { isRelayConfigFile, loadRelayConfig } from '../../config/relay-schema.ts';
import { heldRecords } from '../../books/held-records.ts';
import type { BooksReport } from '../../books/verify-books.ts';
import { verifyBooks } from '../../books/verify-books.ts';
import { ed25519 } from '../../signatures.ts';
import { openDatabase } from '../../storage/database.ts';
import { SqliteUpdateStore } from '../../storage/sqlite-update-store.ts';
import { JournalDays } from '../../storage/journal-days.ts';
import { DATABASE_FILE } from '../../till/till.ts';
import { parseCommand } from '../usage.ts';
import { CliError } from '../till-client.ts';
import { archiveBooks } from './relay-client-commands.ts';

export async function verifyCommand(args: string[]): Promise<void> {
  const { values } = parseCommand('verify', args, {
    config: { type: 'string', short: 'c' },
    date: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (values.date !== undefined && !/^\d{8}$/.test(values.date))
    throw new CliError(`--date: a business date as yyyymmdd, got "${values.date}"`);
  const file = values.config ? resolve(values.config) : configPathFromEnv(process.env);
  if (isRelayConfigFile(file)) {
    const books = await archiveBooks(loadRelayConfig(file), values.date);
    return printBooks(books, values.json, 'the archive');
  }
  const config = loadConfig(file);
  const db = openDatabase(join(config.dataDir, DATABASE_FILE));
  let report: BooksReport;
  try {
    report = verifyBooks(
      heldRecords(db, new SqliteUpdateStore(db)),
      ed25519,
      values.date,
      new JournalDays(db).anchors(),
    );
  } finally {
    db.close();
  }
  printBooks(report, values.json, 'this till’s books');
}

/** `where` names what was checked, for a report that found no paid order at all. */
function printBooks(report: BooksReport, json: boolean, where: string): void {
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatBooks(report, where));
  if (!report.ok) process.exitCode = 1;
}

export function formatBooks(report: BooksReport, where: string): string {
  const lines: string[] = [];
  for (const t of report.tills) {
    const range = t.firstSeq === null ? 'no records' : `records #${t.firstSeq}–#${t.lastSeq}`;
    lines.push(
      `till ${t.codes.join('/')} (key …${t.signer.slice(-8)}): ${t.records} signed, ${range}, running total ${t.running}: ${t.problems.length ? `${t.problems.length} problem(s)` : 'intact'}`,
    );
    for (const p of t.problems) lines.push(`  ${p.kind} at ${p.where}: ${p.detail}`);
  }
  for (const p of report.unproven) lines.push(`${p.kind}: ${p.where}: ${p.detail}`);
  if (lines.length === 0) lines.push(`no paid orders in ${where} yet`);
  lines.push(report.ok ? 'the books are intact' : 'the books are NOT intact');
  return `${lines.join('\n')}\n`;
}
