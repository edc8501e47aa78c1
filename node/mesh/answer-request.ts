/**
 * Answering a peer's SyncStep1: the diff against its state vector, also for a
 * document closed here (read from disk, so a peer that missed the end of a day
 * gets it). Its state vector is remembered for the status page. Documents come
 * into being by hello only: a request for one this till lacks gets nothing.
 */
import * as Y from 'yjs';
import type { DocHost } from '../docs/doc-host.ts';
import { encodeStep1, encodeStep2 } from './sync-messages.ts';
import type { SyncSession } from './sync-session.ts';
import { isAhead } from './sync-status.ts';
import type { Frame } from './wire.ts';

export function answerRequest(
  docs: DocHost,
  session: SyncSession,
  name: string,
  stateVector: Uint8Array,
  /** Whether this till takes a peer's late changes to a day closed here (and so asks for them). */
  takesLateChanges: boolean,
): void {
  session.peerStateVectors.set(name, stateVector);
  if (!docs.get(name) && !docs.isClosed(name)) return;
  session.reply(name, () => {
    const doc = docs.get(name) ?? docs.readClosed(name);
    if (!doc) return undefined;
    const frame: Frame = { type: 'sync', doc: name, message: encodeStep2(doc, stateVector) };
    if (!docs.get(name)) {
      // the peer holds changes made after the close here: ask for them, to be looked at
      if (takesLateChanges && isAhead(stateVector, Y.encodeStateVector(doc)))
        session.send({ type: 'sync', doc: name, message: encodeStep1(doc) });
      doc.destroy();
    }
    return frame;
  });
}
