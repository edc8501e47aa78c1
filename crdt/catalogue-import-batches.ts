/**
 * A CSV catalogue file sent to the till in batches, as the CLI and the
 * manager's screen both do it: barcodes used twice are refused across the whole
 * file (the till sees one batch at a time), progress counts every row of the
 * file, and the errors come back in the order of the file.
 */
import type { ImportResult } from './api-types.ts';
import type { ImportTable, RowError } from './catalogue-import.ts';
import { checkColumns, duplicateBarcodes } from './catalogue-import.ts';
import { parseCsv } from './csv.ts';
import { invalid } from './errors.ts';

export const IMPORT_BATCH_ROWS = 500;

export interface ImportTotals extends ImportResult {
  /** Data rows in the file (the header is not one). */
  rows: number;
}

export async function importCatalogueCsv(
  text: string,
  send: (batch: ImportTable) => Promise<ImportResult>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportTotals> {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw invalid('CSV_EMPTY', 'the file is empty');
  checkColumns(header.cells);
  const duplicates = duplicateBarcodes({ columns: header.cells, rows });
  const refused = new Set(duplicates.map((e) => e.line));
  const errors: RowError[] = [...duplicates];
  const totals = { created: 0, updated: 0, categories: 0, rows: rows.length };
  onProgress(0, rows.length);
  for (let start = 0; start < rows.length; start += IMPORT_BATCH_ROWS) {
    const batch = rows.slice(start, start + IMPORT_BATCH_ROWS).filter((r) => !refused.has(r.line));
    if (batch.length > 0) {
      const result = await send({ columns: header.cells, rows: batch });
      totals.created += result.created;
      totals.updated += result.updated;
      totals.categories += result.categories;
      errors.push(...result.errors);
    }
    onProgress(Math.min(start + IMPORT_BATCH_ROWS, rows.length), rows.length);
  }
  errors.sort((a, b) => a.line - b.line);
  return { ...totals, errors };
}
