/**
 * Validated reads from Yjs maps. Peers and old versions can put anything in a
 * shared document; a record that fails its schema is reported (with where and
 * why) and skipped, so one bad record never takes a till down.
 */
import type * as Y from 'yjs';
import type { z } from 'zod';
import type { TillCode } from './ids.ts';
import type { Trust } from './signing.ts';
import { signerOf } from './signing.ts';

export interface InvalidRecord {
  doc: string;
  map: string;
  key: string;
  reason: string;
  /** The till a badly signed record claims as its author. */
  signer?: string;
}
export type InvalidReporter = (record: InvalidRecord) => void;

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .join('; ');
}

type Parsed = ReturnType<z.ZodType['safeParse']>;
const parsedOnce = new WeakMap<object, WeakMap<z.ZodType, Parsed>>();

/**
 * A record parsed once per object and schema: Yjs hands out the same object
 * until the record is written again, and a busy day holds thousands of them,
 * read on every request. What comes out is frozen, so no caller can change
 * what the next one reads.
 */
function parseOnce<T>(schema: z.ZodType<T>, raw: unknown): z.ZodSafeParseResult<T> {
  if (raw === null || typeof raw !== 'object') return schema.safeParse(raw);
  let bySchema = parsedOnce.get(raw);
  const known = bySchema?.get(schema);
  if (known) return known as z.ZodSafeParseResult<T>;
  const parsed = schema.safeParse(raw);
  if (parsed.success) deepFreeze(parsed.data);
  if (!bySchema) parsedOnce.set(raw, (bySchema = new WeakMap()));
  bySchema.set(schema, parsed);
  return parsed;
}

/**
 * A record just written, that `schema` parses to an equal copy of itself (it came out
 * of that schema and only gained fields the schema keeps): read back, it is taken as
 * parsed. A sale writes its order five times and reads it back after each write.
 */
export function parsedAlready<T extends object>(schema: z.ZodType<T>, record: T): void {
  deepFreeze(record);
  let bySchema = parsedOnce.get(record);
  if (!bySchema) parsedOnce.set(record, (bySchema = new WeakMap()));
  bySchema.set(schema, { success: true, data: record });
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
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
    const parsed = parseOnce(schema, raw);
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

export interface SignedRecordMap<T> extends RecordMap<T> {
  /** Records validly signed by another till of the mesh than the one expected (a duplicate code). */
  foreign(): Array<{ key: string; signer: string; record: T }>;
  /** One such record, by key. */
  foreignGet(key: string): T | undefined;
}

/**
 * Like recordMap, for records one till writes: a record counts only when it is
 * signed by `author()` (the registered owner of the document's till code). A
 * record signed by another till of the mesh is kept apart (`foreign`); one with
 * no valid signature, or by a key the mesh does not know, is reported and
 * ignored, whatever its fields say.
 */
export function signedRecordMap<T>(
  doc: Y.Doc,
  docName: string,
  mapName: string,
  schema: z.ZodType<T>,
  report: InvalidReporter,
  trust: Trust,
  author: () => string | undefined,
  /** The till code whose records these are. */
  code: TillCode,
  idField?: keyof T,
): SignedRecordMap<T> {
  const plain = recordMap(doc, docName, mapName, schema, report, idField);
  const map = doc.getMap<unknown>(mapName);
  // the signer, when it is a till with this document's code (the owner, or a duplicate)
  const who = (key: string, raw: unknown): string | null => {
    if (raw === undefined) return null;
    const signer = signerOf(raw, { doc: docName, map: mapName, key }, trust);
    const signerCode = signer === null ? undefined : trust.codeOf(signer);
    if (signer !== null && signerCode === code) return signer;
    const claimed =
      raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).signer : undefined;
    report({
      doc: docName,
      map: mapName,
      key,
      reason:
        signer === null
          ? 'no valid signature'
          : signerCode === undefined
            ? 'signed by a key the mesh does not know'
            : `signed by ${signerCode}, not a till with code ${code}`,
      signer: typeof claimed === 'string' ? claimed : undefined,
    });
    return null;
  };
  const own = (key: string, raw: unknown) => {
    const expected = author();
    return expected !== undefined && who(key, raw) === expected;
  };
  const foreignSigner = (key: string, raw: unknown): string | null => {
    const signer = who(key, raw);
    return signer !== null && signer !== author() ? signer : null;
  };
  return {
    get: (key) => (own(key, map.get(key)) ? plain.get(key) : undefined),
    entries: () => plain.entries().filter(([key]) => own(key, map.get(key))),
    foreign: () =>
      plain.entries().flatMap(([key, record]) => {
        const signer = foreignSigner(key, map.get(key));
        return signer !== null ? [{ key, signer, record }] : [];
      }),
    foreignGet: (key) => (foreignSigner(key, map.get(key)) !== null ? plain.get(key) : undefined),
  };
}
