/**
 * Anti-entropy, the periodic repair of whatever a till missed (a day that reached
 * only a till that then went away, what a partial mesh lost). Every interval each
 * till sends each peer a digest of what it holds (docs-digest.ts); a peer whose own
 * digest differs answers with the full exchange (its hello and a SyncStep1 per live
 * document), whose answers bring it what it lacks, and the sender's own digest does
 * the same the other way within the interval. Tills that agree send 16 bytes a link
 * instead of a state vector per document and an answer carrying every delete set.
 * Peers before protocol version 3 get the full exchange every interval.
 */
import * as Y from 'yjs';
import type { DocHost } from '../docs/doc-host.ts';
import { DocsDigest, sameDigest } from './docs-digest.ts';
import type { SyncSession } from './sync-session.ts';

export const ANTI_ENTROPY_MS = 15_000;
/** Peers of this version and later take a DIGEST. */
export const DIGEST_SINCE_VERSION = 3;

export interface AntiEntropyOptions {
  docs: DocHost;
  sessions: () => Iterable<SyncSession>;
  /** The documents a hello lists, in its order (the digest covers exactly these). */
  listed: () => string[];
  /** The full exchange with one peer: a hello and a SyncStep1 per live document. */
  exchange: (session: SyncSession) => void;
  intervalMs?: number;
}

export class AntiEntropy {
  private readonly digest: DocsDigest;
  private readonly timer: NodeJS.Timeout;
  private readonly intervalMs: number;
  /** When each session was last sent the full exchange in answer to a digest. */
  private readonly answered = new WeakMap<SyncSession, number>();

  constructor(private readonly o: AntiEntropyOptions) {
    this.digest = new DocsDigest(o.docs);
    this.intervalMs = o.intervalMs ?? ANTI_ENTROPY_MS;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** A peer's digest: the same as this till's means it holds all this till has. */
  received(session: SyncSession, digest: Uint8Array): void {
    const listed = this.o.listed();
    if (sameDigest(digest, this.digest.of(listed))) {
      // what the status page reads: that peer is in sync now, lacking nothing
      for (const name of listed) {
        const doc = this.o.docs.get(name);
        if (doc) session.peerStateVectors.set(name, Y.encodeStateVector(doc));
      }
      session.lastSyncAt = Date.now();
      return;
    }
    // once per half interval at most: a peer whose digests never match (a flood of them)
    // cannot make this till send a hello and a request per document for each one
    const now = Date.now();
    if (now - (this.answered.get(session) ?? -Infinity) < this.intervalMs / 2) return;
    this.answered.set(session, now);
    this.o.exchange(session);
  }

  stop(): void {
    clearInterval(this.timer);
    this.digest.stop();
  }

  private tick(): void {
    let digest: Uint8Array | undefined;
    for (const session of this.o.sessions()) {
      if ((session.peerVersion ?? 0) < DIGEST_SINCE_VERSION) {
        this.o.exchange(session);
        continue;
      }
      digest ??= this.digest.of(this.o.listed());
      session.send({ type: 'digest', digest });
    }
  }
}
