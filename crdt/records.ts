/**
 * Validated reads from Yjs maps. Peers and old versions can put anything in a
 * shared document; a record that fails its schema is reported (with where and
 * why) and skipped, so one bad record never takes a till down.
 */
import type * as Y from 'yjs';
import type { z } from 'zod';

export interface InvalidRecord {
  doc: string;
  map: string;
  key: string;
  reason: string;
}
export type InvalidReporter = (record: InvalidRecord) => void;

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .join('; ');
}

export interface RecordMap<T> {
  get(key: string): T | undefined;
  entries(): Array<[string, T]>;
}

/**
 * A typed, validating view of one Y.Map of records. When the record carries an
 * id field it must equal its key, or a peer could shadow another record.
 */
export function recordMap<T>(
  doc: Y.Doc,
  docName: string,
  mapName: string,
  schema: z.ZodType<T>,
  report: InvalidReporter,
  idField?: keyof T,
): RecordMap<T> {
  const map = doc.getMap<unknown>(mapName);
  const read = (key: string, raw: unknown): T | undefined => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      report({ doc: docName, map: mapName, key, reason: describeIssues(parsed.error) });
      return undefined;
    }
    if (idField !== undefined && parsed.data[idField] !== key) {
      report({
        doc: docName,
        map: mapName,
        key,
        reason: `${String(idField)} does not match its key`,
      });
      return undefined;
    }
    return parsed.data;
  };
  return {
    get: (key) => {
      const raw = map.get(key);
      return raw === undefined ? undefined : read(key, raw);
    },
    entries: () => {
      const out: Array<[string, T]> = [];
      map.forEach((raw, key) => {
        const value = read(key, raw);
        if (value !== undefined) out.push([key, value]);
      });
      return out;
    },
  };
}
