/**
 * Keeps this till's signed records in the shared documents. Signatures stop a
 * member of the mesh from forging a record, but Yjs lets any member delete or
 * overwrite one; only this till ever changes its own, so a peer's change that
 * removes or replaces one (by a record this till did not sign, or by an older
 * one it did) is an attack: the record is written back at once, and the peer
 * named. Two shapes are guarded: maps of records (a day's orders, cash, meta;
 * the registry) and maps of event logs (transfers, refund requests), where a
 * log that vanished is made again by the till that started it and every till
 * appends its own events again (readers count a signature once).
 */
import * as Y from 'yjs';
import type { InvalidReporter } from '../../crdt/records.ts';
import type { Place, SignatureCheck } from '../../crdt/signing.ts';
import { signerOf } from '../../crdt/signing.ts';
import type { Logger } from '../log.ts';
import { LOCAL, originOf } from './origins.ts';

export interface GuardOptions {
  self: string;
  check: SignatureCheck;
  report: InvalidReporter;
  log: Logger;
  /** Runs a write durably (the till's commit). */
  transact: (fn: () => void) => void;
}

type Raw = Record<string, unknown>;
const sigOf = (raw: unknown) => (raw as { sig?: unknown } | undefined)?.sig;

/** How far a record has come: later edits stamp later times (orders, a closed day's meta). */
export function versionOf(raw: Raw): string {
  const stamp = raw.updatedAt ?? raw.closedAt ?? raw.openedAt ?? raw.at;
  return typeof stamp === 'string' ? stamp : '';
}

export class OwnRecordsGuard {
  private readonly watched = new WeakSet<Y.Map<unknown>>();
  /** Write-backs waiting for the peer's transaction to end. */
  private readonly queued: Array<() => void> = [];

  constructor(private readonly o: GuardOptions) {}

  /** Records in `map` of document `name`, each signed for its key. */
  records(doc: Y.Doc, name: string, map: string): void {
    const records = doc.getMap<unknown>(map);
    if (this.watched.has(records)) return;
    this.watched.add(records);
    // Records naming this till as their signer; each is verified only when a peer's change
    // would have it written back. Verifying them all up front took over a second at start
    // for a day of 5,000 orders, and most are never touched by a peer.
    const own = new Map<string, Raw>();
    const claimsMine = (raw: unknown): raw is Raw =>
      typeof raw === 'object' && raw !== null && (raw as Raw).signer === this.o.self;
    const mine = (key: string, raw: unknown): raw is Raw =>
      signerOf(raw, { doc: name, map, key }, this.o.check) === this.o.self;
    records.forEach((raw, key) => {
      if (claimsMine(raw)) own.set(key, raw);
    });
    records.observe((event, tx) => {
      const origin = originOf(tx.origin);
      for (const key of event.keysChanged as Set<string>) {
        const now = records.get(key);
        if (origin.source !== 'peer') {
          if (claimsMine(now)) own.set(key, now);
          else if (now === undefined) own.delete(key);
          continue;
        }
        const kept = own.get(key);
        if (!kept) continue;
        if (!mine(key, kept)) {
          // a forgery in this till's name was never its own: nothing to write back
          own.delete(key);
          continue;
        }
        // this till's own later write (come back through a peer) stands; anything else is undone
        if (mine(key, now) && versionOf(now) >= versionOf(kept)) {
          own.set(key, now);
          continue;
        }
        const signer = (now as { signer?: unknown } | undefined)?.signer;
        this.writeBack(doc, { doc: name, map, key }, origin.peer, {
          what:
            now === undefined
              ? 'deleted'
              : mine(key, now)
                ? 'rolled back to an older version'
                : 'replaced by a record this till did not sign',
          signer: typeof signer === 'string' && signer !== this.o.self ? signer : undefined,
          restore: () => records.set(key, kept),
        });
      }
    });
  }

  /** Event logs (a Y.Array each) in `map` of document `name`, signed for the log's id. */
  logs(doc: Y.Doc, name: string, map: string): void {
    const logs = doc.getMap<unknown>(map);
    if (this.watched.has(logs)) return;
    this.watched.add(logs);
    // this till's events per log, in the order it appended them; the first may have started it
    const own = new Map<string, { events: Raw[]; started: boolean }>();
    const collect = (id: string) => {
      const log = logs.get(id);
      if (!(log instanceof Y.Array)) return;
      const entry = own.get(id) ?? { events: [], started: false };
      const known = new Set(entry.events.map(sigOf));
      log.forEach((raw: unknown, index: number) => {
        if (known.has(sigOf(raw))) return;
        if (signerOf(raw, { doc: name, map, key: id }, this.o.check) !== this.o.self) return;
        if (index === 0) entry.started = true;
        entry.events.push(raw as Raw);
      });
      if (entry.events.length) own.set(id, entry);
    };
    logs.forEach((_log, id) => collect(id));
    logs.observeDeep((events, tx) => {
      const ids = new Set<string>();
      for (const e of events) {
        if (e.target === logs) for (const id of e.keys.keys()) ids.add(id);
        else if (typeof e.path[0] === 'string') ids.add(e.path[0]);
      }
      const origin = originOf(tx.origin);
      for (const id of ids) {
        if (origin.source !== 'peer') {
          collect(id);
          continue;
        }
        const entry = own.get(id);
        if (!entry) continue;
        const log = logs.get(id);
        const present = new Set(log instanceof Y.Array ? log.toArray().map(sigOf) : []);
        const missing = entry.events.filter((e) => !present.has(e.sig));
        if (missing.length === 0) continue;
        // a log that is gone is made again by its starter; the others add theirs once it is back
        if (!(log instanceof Y.Array) && !entry.started) continue;
        this.writeBack(doc, { doc: name, map, key: id }, origin.peer, {
          what:
            log instanceof Y.Array
              ? `${missing.length} of this till's events removed`
              : 'the whole log deleted',
          signer: undefined,
          restore: () => {
            const current = logs.get(id);
            if (current instanceof Y.Array) current.push(missing);
            else {
              const again = new Y.Array<unknown>();
              again.push(entry.events);
              logs.set(id, again);
            }
          },
        });
      }
    });
  }

  private writeBack(
    ydoc: Y.Doc,
    place: Place,
    peer: string,
    change: { what: string; signer: string | undefined; restore: () => void },
  ): void {
    // the peer that sent the change, which may only have passed it on (a relay)
    const reason = `${change.what}, in a change from peer ${peer}: written back`;
    this.o.report({ ...place, reason, ...(change.signer ? { signer: change.signer } : {}) });
    this.o.log.error('own record removed by a peer; written back', {
      ...place,
      peer,
      change: change.what,
    });
    // after the peer's transaction is done: a write inside an observer would nest in it
    this.queued.push(() => this.o.transact(() => ydoc.transact(change.restore, LOCAL)));
    if (this.queued.length === 1) queueMicrotask(() => this.settle());
  }

  /**
   * Writes back now what a peer's update removed. The sync engine calls it right
   * after applying the update, in the same commit: a crash between the two would
   * leave the peer's change on disk and nothing to undo it after the restart.
   */
  settle(): void {
    for (const restore of this.queued.splice(0)) restore();
  }
}
