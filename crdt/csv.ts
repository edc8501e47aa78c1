/**
 * CSV files through papaparse (RFC 4180: quoted fields, doubled quotes,
 * newlines inside quotes; the delimiter found among comma, semicolon and tab).
 * Each record keeps the line it starts on, for error messages.
 */
import Papa from 'papaparse';
import { invalid } from './errors.ts';

export interface CsvRecord {
  line: number;
  cells: string[];
}

export function parseCsv(text: string, delimiter?: string): CsvRecord[] {
  // one line ending for the whole file: papaparse keeps to the first one it sees
  const normalized = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = 0; i < normalized.length; i++) if (normalized[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const records: CsvRecord[] = [];
  let start = 0;
  let problem: { line: number; message: string } | undefined;
  Papa.parse<string[]>(normalized, {
    delimiter: delimiter ?? '',
    delimitersToGuess: [',', ';', '\t'],
    newline: '\n',
    skipEmptyLines: true,
    step: (result) => {
      // the cursor ends the record; empty lines skipped before it are not its start
      while (normalized[start] === '\n') start++;
      const line = lineAt(start);
      const quotes = result.errors.find((e) => e.type === 'Quotes');
      if (quotes && !problem)
        problem = {
          line,
          message:
            quotes.code === 'MissingQuotes' ? 'a quoted field is never closed' : quotes.message,
        };
      records.push({ line, cells: result.data });
      start = result.meta.cursor;
    },
  });
  if (problem) throw invalid('CSV_MALFORMED', `line ${problem.line}: ${problem.message}`);
  return records;
}
