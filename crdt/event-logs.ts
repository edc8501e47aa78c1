/**
 * Append-only event logs in a document: one Y.Array per log, created by the
 * till the log's id names, appended to by the tills allowed to. Each event is
 * signed by its author and counts only when the till that may write it signed
 * it; a log's state is a pure function of its authentic events. Logs are
 * reduced once and again only when they change, so a busy day costs the same
 * per change as a quiet one. Transfers and refund requests are such logs.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import type { TillCode } from './ids.ts';
import type { InvalidReporter } from './records.ts';
import { describeIssues } from './records.ts';
import type { RecordSigner, Trust } from './signing.ts';
import { signerOf, signRecord } from './signing.ts';

/**
 * Who may sign an event: the owner of a till code (the code alone), one key,
 * or any key registered under a code, its owner's or a duplicate's (what a
 * duplicate wrote stays its own: the log's reader tells the two keys apart).
 */
export type Author = TillCode | { key: string } | { anyKeyOf: TillCode } | { refused: string };

/** An event as a log holds it: `signer` is the key that signed it, as the log checked. */
export interface LoggedEvent {
  signer?: string | undefined;
}

export interface LogKind<E extends LoggedEvent, S> {
  doc: string;
  map: string;
  schema: z.ZodType<E>;
  /** Who may write `event` in log `id` (given the log's valid events so far), or why none may. */
  author(id: string, event: E, earlier: readonly E[]): Author;
  reduce(id: string, events: E[]): S | undefined;
  /** The order `all()` lists states in. */
  order(a: S, b: S): number;
}

/** The till a log's id names ("T1-<uuid>"): nobody else can start that log. */
export function logOwner(id: string): TillCode | undefined {
  const code = id.slice(0, id.indexOf('-'));
  return /^[A-Z0-9]{1,8}$/.test(code) ? (code as TillCode) : undefined;
}

export class EventLogs<E extends LoggedEvent, S> {
  private readonly logs: Y.Map<unknown>;
  private readonly states = new Map<string, S>();
  private readonly stale = new Set<string>();
  private readonly changed = new Set<string>();

  constructor(
    readonly doc: Y.Doc,
    private readonly report: InvalidReporter,
    private readonly trust: Trust,
    private readonly kind: LogKind<E, S>,
  ) {
    this.logs = doc.getMap(kind.map);
    this.logs.forEach((_log, id) => this.touch(id));
    this.logs.observeDeep(this.observer);
  }

  private readonly observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    for (const event of events) {
      if (event.target === this.logs) {
        for (const id of (event as Y.YMapEvent<unknown>).keysChanged as Set<string>) this.touch(id);
      } else if (typeof event.path[0] === 'string') this.touch(event.path[0]);
    }
  };

  private touch(id: string): void {
    this.stale.add(id);
    this.changed.add(id);
  }

  /** The authentic events of a log, in the order they were appended. */
  events(id: string): E[] {
    const log = this.logs.get(id);
    const report = (key: string, reason: string, signer?: string) =>
      this.report({ doc: this.kind.doc, map: this.kind.map, key, reason, signer });
    if (!(log instanceof Y.Array)) {
      if (log !== undefined) report(id, 'not an event log');
      return [];
    }
    const events: E[] = [];
    const seen = new Set<string>();
    log.forEach((raw: unknown, index: number) => {
      const key = `${id}[${index}]`;
      const parsed = this.kind.schema.safeParse(raw);
      if (!parsed.success) return report(key, describeIssues(parsed.error));
      const claimed = (raw as { signer?: unknown }).signer;
      const by = typeof claimed === 'string' ? claimed : undefined;
      const author = this.kind.author(id, parsed.data, events);
      if (typeof author === 'object' && 'refused' in author) return report(key, author.refused, by);
      const signer = signerOf(raw, { doc: this.kind.doc, map: this.kind.map, key: id }, this.trust);
      if (signer === null || !this.mayWrite(author, signer))
        return report(
          key,
          `not signed by ${describeAuthor(author)}, the only one that may write this event`,
          by,
        );
      const sig = (raw as { sig: string }).sig;
      if (seen.has(sig)) return; // the same event twice counts once
      seen.add(sig);
      events.push({ ...parsed.data, signer });
    });
    return events;
  }

  private mayWrite(author: Exclude<Author, { refused: string }>, signer: string): boolean {
    if (typeof author === 'string') return signer === this.trust.ownerOf(author);
    if ('key' in author) return signer === author.key;
    return this.trust.codeOf(signer) === author.anyKeyOf;
  }

  get(id: string): S | undefined {
    this.refresh();
    return this.states.get(id);
  }

  all(): S[] {
    this.refresh();
    return [...this.states.values()].sort((a, b) => this.kind.order(a, b));
  }

  /** States changed since the last call. */
  takeChanged(): S[] {
    this.refresh();
    const ids = [...this.changed];
    this.changed.clear();
    return ids.map((id) => this.states.get(id)).filter((s): s is S => s !== undefined);
  }

  destroy(): void {
    this.logs.unobserveDeep(this.observer);
  }

  private refresh(): void {
    for (const id of this.stale) {
      const state = this.kind.reduce(id, this.events(id));
      if (state !== undefined) this.states.set(id, state);
      else this.states.delete(id);
    }
    this.stale.clear();
  }
}

function describeAuthor(author: Exclude<Author, { refused: string }>): string {
  if (typeof author === 'string') return author;
  return 'key' in author
    ? 'the key that started this log'
    : `a till registered as ${author.anyKeyOf}`;
}

/** Starts a log; only the till its id names does, so no two tills create one key. */
export function createLog<E extends LoggedEvent>(
  doc: Y.Doc,
  kind: Pick<LogKind<E, unknown>, 'doc' | 'map' | 'schema'>,
  id: string,
  first: E,
  signer: RecordSigner,
): void {
  const log = new Y.Array<unknown>();
  log.push([
    signRecord(kind.schema.parse(first), { doc: kind.doc, map: kind.map, key: id }, signer),
  ]);
  doc.getMap(kind.map).set(id, log);
}

export function appendEvent<E extends LoggedEvent>(
  doc: Y.Doc,
  kind: Pick<LogKind<E, unknown>, 'doc' | 'map' | 'schema'>,
  id: string,
  event: E,
  signer: RecordSigner,
): void {
  const log = doc.getMap(kind.map).get(id);
  if (!(log instanceof Y.Array)) throw new Error(`no log ${id} in ${kind.doc}`);
  log.push([
    signRecord(kind.schema.parse(event), { doc: kind.doc, map: kind.map, key: id }, signer),
  ]);
}
