/** Logs each invalid record once (records are re-read often; the log must not flood). */
import type { InvalidRecord, InvalidReporter } from '../../crdt/records.ts';
import type { Logger } from '../log.ts';

export type CountingReporter = InvalidReporter & {
  count(): number;
  /** The latest records refused, newest last: what the status page shows the manager. */
  recent(): InvalidRecord[];
};

export const RECENT_INVALID = 50;

export function invalidRecordLogger(log: Logger): CountingReporter {
  const seen = new Set<string>();
  const recent: InvalidRecord[] = [];
  const report = (record: InvalidRecord): void => {
    const key = `${record.doc}|${record.map}|${record.key}|${record.reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    recent.push(record);
    if (recent.length > RECENT_INVALID) recent.shift();
    // a record with a signer is one a member of the mesh wrote in another till's name
    if (record.signer) log.error('forged record ignored', { ...record });
    else log.warn('invalid record ignored', { ...record });
  };
  return Object.assign(report, { count: () => seen.size, recent: () => [...recent] });
}
