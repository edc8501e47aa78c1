/**
 * The sync state with one peer over one channel: outgoing updates batched per
 * document (merged into one frame per document per flush, and held while the
 * channel asks to wait), incoming frames rate-limited and decoded, and what the
 * peer last told us of its state vectors.
 */
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { PeerChannel } from './peer-channel.ts';
import { TokenBucket } from './rate-limiter.ts';
import type { Frame } from './wire.ts';
import { decodeFrame, encodeFrame, MalformedFrameError } from './wire.ts';
import { encodeSyncUpdate } from './sync-messages.ts';

export const MAX_FRAMES_PER_SECOND = 2_000;
export const FRAME_BURST = 10_000;

export class SyncSession {
  readonly startedAt = Date.now();
  till: string | undefined;
  lastReceivedAt = Date.now();
  lastSyncAt: number | null = null;
  /** Per document, the state vector the peer last reported (SyncStep1). */
  readonly peerStateVectors = new Map<string, Uint8Array>();
  private readonly outgoing = new Map<string, Uint8Array[]>();
  private flushQueued = false;
  private waitingForDrain = false;
  private readonly bucket = new TokenBucket(FRAME_BURST, MAX_FRAMES_PER_SECOND);
  closed = false;

  constructor(
    readonly channel: PeerChannel,
    private readonly log: Logger,
    onFrame: (session: SyncSession, frame: Frame) => void,
    onClose: (session: SyncSession, reason: string) => void,
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
        onFrame(this, frame);
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
      onClose(this, reason);
    });
  }

  get peer(): string {
    return this.channel.peer;
  }

  /** Sends now (protocol replies); false if the channel is full. */
  send(frame: Frame): boolean {
    if (this.closed) return false;
    const ok = this.channel.send(encodeFrame(frame));
    if (!ok) this.waitingForDrain = true;
    return ok;
  }

  /** Queues a document update; updates to one document merge into one frame. */
  queueUpdate(doc: string, update: Uint8Array): void {
    const list = this.outgoing.get(doc);
    if (list) list.push(update);
    else this.outgoing.set(doc, [update]);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  close(reason: string): void {
    if (this.closed) return;
    this.log.warn('closing sync session', { peer: this.peer, till: this.till, reason });
    this.channel.close(reason);
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.closed || this.waitingForDrain) return;
    for (const [doc, updates] of this.outgoing) {
      this.outgoing.delete(doc);
      const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      if (!this.send({ type: 'sync', doc, message: encodeSyncUpdate(update) })) return;
    }
  }
}
