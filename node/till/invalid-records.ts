/** Logs each invalid record once (records are re-read often; the log must not flood). */
import type { InvalidRecord, InvalidReporter } from '../../crdt/records.ts';
import type { Logger } from '../log.ts';

export type CountingReporter = InvalidReporter & { count(): number };

export function invalidRecordLogger(log: Logger): CountingReporter {
  const seen = new Set<string>();
  const report = (record: InvalidRecord): void => {
    const key = `${record.doc}|${record.map}|${record.key}|${record.reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    log.warn('invalid record ignored', { ...record });
  };
  return Object.assign(report, { count: () => seen.size });
}
