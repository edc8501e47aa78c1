/**
 * A closed day's signed records stand as they were when it closed. Nobody honest
 * writes a closed day again, so a peer's change that deletes a validly signed record
 * or replaces it (by one its signer did not sign, or by an older one) is an attack,
 * and a till that holds the closed day writes the record back: the till that closed
 * it, or one that journaled it. Without this a member of the mesh that overwrote an
 * order after its day closed kept it for good from every till that had not journaled
 * the day yet (they wait for every order the close counted): found by the simulation.
 */
import type * as Y from 'yjs';
import type { InvalidReporter } from '../../crdt/records.ts';
import type { SignatureCheck } from '../../crdt/signing.ts';
import { signerOf } from '../../crdt/signing.ts';
import type { Logger } from '../log.ts';
import { LOCAL } from './origins.ts';
import { versionOf } from './own-records-guard.ts';

export interface ClosedRecordsOptions {
  doc: Y.Doc;
  name: string;
  /** The maps of records in the document, each record signed for its key. */
  maps: readonly string[];
  check: SignatureCheck;
  report: InvalidReporter;
  log: Logger;
  /** The peer the change came from (which may only have passed it on). */
  peer: string;
}

interface Replaced {
  map: string;
  key: string;
  old: unknown;
}

/** Runs `apply` (the peer's change) and writes back what it removed. */
export function defendClosedRecords(o: ClosedRecordsOptions, apply: () => void): void {
  const replaced: Replaced[] = [];
  const observers = o.maps.map((name) => {
    const map = o.doc.getMap<unknown>(name);
    // read inside the transaction: the old content is gone once it ends
    const observer = (event: Y.YMapEvent<unknown>) => {
      for (const [key, change] of event.changes.keys)
        if (change.action !== 'add') replaced.push({ map: name, key, old: change.oldValue });
    };
    map.observe(observer);
    return () => map.unobserve(observer);
  });
  try {
    apply();
  } finally {
    for (const off of observers) off();
  }
  for (const { map, key, old } of replaced) {
    const place = { doc: o.name, map, key };
    const author = signerOf(old, place, o.check);
    if (author === null) continue; // it was no valid record: nothing to defend
    const records = o.doc.getMap<unknown>(map);
    const now = records.get(key);
    if (
      now !== undefined &&
      signerOf(now, place, o.check) === author &&
      versionOf(now as Record<string, unknown>) >= versionOf(old as Record<string, unknown>)
    )
      continue;
    const what = now === undefined ? 'deleted' : 'replaced';
    o.report({
      ...place,
      reason: `${what} in a closed day, in a change from peer ${o.peer}: written back`,
    });
    o.log.error('record of a closed day removed by a peer; written back', {
      ...place,
      peer: o.peer,
      change: what,
    });
    o.doc.transact(() => records.set(key, old), LOCAL);
  }
}
