/**
 * The sync state with one peer over one channel. Outgoing updates are batched
 * per document (merged into one frame per document per flush) and held while
 * the channel asks to wait; answers to the peer's requests wait too, only the
 * latest per document kept. Past MAX_QUEUED_BYTES the held updates are dropped
 * and the document is resent as one diff against what the peer last reported,
 * so a peer that stops reading cannot make this till buffer without limit.
 * Announcements (HAVE) of forwarded updates are merged per document and go
 * after the updates.
 */
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { PeerChannel } from './peer-channel.ts';
import { TokenBucket } from './rate-limiter.ts';
import type { Reach } from './reach.ts';
import { chunks, widen } from './reach.ts';
import type { Frame } from './wire.ts';
import { decodeFrame, encodeFrame, MalformedFrameError, MAX_HAVE_CLIENTS } from './wire.ts';
import { encodeSyncUpdate } from './sync-messages.ts';

export const MAX_FRAMES_PER_SECOND = 2_000;
export const FRAME_BURST = 10_000;
export const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

export interface SessionHandlers {
  onFrame(session: SyncSession, frame: Frame): void;
  onClose(session: SyncSession, reason: string): void;
  /** A full diff of `doc` against what the peer last reported (after dropped updates). */
  resync(session: SyncSession, doc: string): Frame | undefined;
}

export class SyncSession {
  readonly startedAt = Date.now();
  till: string | undefined;
  /** The protocol version the peer's hello named (none yet before it). */
  peerVersion: number | undefined;
  lastReceivedAt = Date.now();
  lastSyncAt: number | null = null;
  /** Per document, the state vector the peer last reported (SyncStep1). */
  readonly peerStateVectors = new Map<string, Uint8Array>();
  private readonly outgoing = new Map<string, Uint8Array[]>();
  private readonly haves = new Map<string, Reach>();
  private queuedBytes = 0;
  private readonly resyncDocs = new Set<string>();
  private readonly pendingReplies = new Map<string, () => Frame | undefined>();
  private flushQueued = false;
  private waitingForDrain = false;
  private readonly bucket = new TokenBucket(FRAME_BURST, MAX_FRAMES_PER_SECOND);
  closed = false;

  constructor(
    readonly channel: PeerChannel,
    private readonly log: Logger,
    private readonly handlers: SessionHandlers,
  ) {
    channel.onFrame((bytes) => {
      if (this.closed) return;
      this.lastReceivedAt = Date.now();
      if (!this.bucket.take())
        return this.close(`more than ${MAX_FRAMES_PER_SECOND} frames per second`);
      let frame: Frame;
      try {
        frame = decodeFrame(bytes);
      } catch (error) {
        if (error instanceof MalformedFrameError)
          return this.close(`malformed frame: ${error.message}`);
        throw error;
      }
      try {
        handlers.onFrame(this, frame);
      } catch (error) {
        this.close(`frame could not be processed: ${(error as Error).message}`);
      }
    });
    channel.onDrain(() => {
      this.waitingForDrain = false;
      this.flush();
    });
    channel.onClose((reason) => {
      this.closed = true;
      handlers.onClose(this, reason);
    });
  }

  get peer(): string {
    return this.channel.peer;
  }

  /** Sends now; false if the channel asks to wait (the frame is still taken). */
  send(frame: Frame): boolean {
    if (this.closed) return false;
    const ok = this.channel.send(encodeFrame(frame));
    if (!ok) this.waitingForDrain = true;
    return ok;
  }

  /** Answers a request now, or when the channel drained (the latest answer per document wins). */
  reply(doc: string, answer: () => Frame | undefined): void {
    if (!this.waitingForDrain) {
      const frame = answer();
      if (frame) this.send(frame);
      return;
    }
    this.pendingReplies.set(doc, answer);
  }

  /** Queues a document update; updates to one document merge into one frame. */
  queueUpdate(doc: string, update: Uint8Array): void {
    if (this.resyncDocs.has(doc)) return; // a full diff goes anyway
    const list = this.outgoing.get(doc);
    if (list) list.push(update);
    else this.outgoing.set(doc, [update]);
    this.queuedBytes += update.length;
    if (this.queuedBytes > MAX_QUEUED_BYTES) {
      for (const name of this.outgoing.keys()) this.resyncDocs.add(name);
      this.outgoing.clear();
      this.queuedBytes = 0;
      this.log.warn('peer not reading: queued updates dropped, documents will be resent whole', {
        peer: this.peer,
      });
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  /** Queues an announcement that this till holds `reach` of `doc`; merged per document. */
  queueHave(doc: string, reach: Reach): void {
    if (this.resyncDocs.has(doc)) return; // a full diff goes anyway
    this.haves.set(doc, widen(this.haves.get(doc) ?? new Map<number, number>(), reach));
    this.scheduleFlush();
  }

  close(reason: string): void {
    if (this.closed) return;
    this.log.warn('closing sync session', { peer: this.peer, till: this.till, reason });
    this.channel.close(reason);
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.closed || this.waitingForDrain) return;
    for (const [doc, answer] of this.pendingReplies) {
      this.pendingReplies.delete(doc);
      const frame = answer();
      if (frame && !this.send(frame)) return;
    }
    for (const doc of this.resyncDocs) {
      this.resyncDocs.delete(doc);
      const frame = this.handlers.resync(this, doc);
      if (frame && !this.send(frame)) return;
    }
    for (const [doc, updates] of this.outgoing) {
      this.outgoing.delete(doc);
      for (const u of updates) this.queuedBytes -= u.length;
      const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      if (!this.send({ type: 'sync', doc, message: encodeSyncUpdate(update) })) return;
    }
    for (const [doc, reach] of this.haves) {
      this.haves.delete(doc);
      // an update from a long-lived document's many writers, in frames a peer accepts
      let open = true;
      for (const part of chunks(reach, MAX_HAVE_CLIENTS))
        open = this.send({ type: 'have', doc, reach: part }) && open;
      if (!open) return;
    }
  }
}
