/**
 * One browser socket following one document, bounded like a peer stream:
 *
 * - A message rate, its own and its groups' (session, client address): over
 *   its own or its session's the socket closes with 4429, which the stock
 *   client does not reconnect on; over a rate it shares with others (who may
 *   be innocent) with 1013, "try again later".
 * - Back-pressure: while the till holds too much unsent for the socket or its
 *   groups (`bufferedAmount`), nothing more is queued. Updates it misses are
 *   coalesced into one state vector ("everything since"), requests into the
 *   first one, and once there is room it gets a single message with all of
 *   it. A client that does not read costs a state vector, never a buffer.
 * - SyncStep1 requests are answered on the next turn of the event loop, so a
 *   burst of them costs one diff of the document.
 */
import type { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Actor } from '../auth/sessions.ts';
import type { Logger } from '../log.ts';
import { TokenBucket } from '../mesh/rate-limiter.ts';
import type { GroupMember, SocketGroup } from './ui-socket-groups.ts';
import { clientMessageKind, MESSAGE_AWARENESS, uiStep1, uiUpdate } from './ui-sync-wire.ts';

/** The stock client sends a handful of messages on connect, then one every 15 s (awareness). */
export const SOCKET_MESSAGE_BURST = 10;
export const SOCKET_MESSAGES_PER_SECOND = 2;
/** Unsent bytes one socket may have before the till holds back (one message may cross it). */
export const SOCKET_MAX_BUFFERED_BYTES = 512 * 1024;
/** A closed socket that does not finish the closing handshake in time is cut. */
export const CLOSE_GRACE_MS = 2_000;
/** One closed for misbehaving is not read from any more: it gets just long enough to read the close. */
export const ABUSE_CLOSE_GRACE_MS = 250;
/** 4400-4499 tell the stock y-websocket client not to reconnect. */
export const CLOSE_MALFORMED = 4400;
export const CLOSE_TOO_FAST = 4429;
/** A shared limit was hit, perhaps by someone else: the stock client comes back later. */
export const CLOSE_TRY_AGAIN_LATER = 1013;
/** Groups whose rate is the socket's own doing: over it, the socket is the culprit. */
const OWN_KINDS = new Set(['session']);

export interface UiSocketOptions {
  ws: WebSocket;
  doc: Y.Doc;
  docName: string;
  actor: Actor;
  client: string;
  groups: Array<SocketGroup<UiSocket>>;
  /** The SyncStep2 answering a SyncStep1 message (shared by the document's sockets); throws if it is malformed. */
  answer(step1: Buffer): Uint8Array;
  log: Logger;
  onClose(socket: UiSocket): void;
}

/**
 * An awareness update naming no client: the stock client reads it, changes
 * nothing and answers nothing. A socket that would otherwise stay silent sends
 * it, because the stock client drops a connection that heard nothing for 30 s
 * (its `messageReconnectTimeout`; pings are invisible to it) and misses what
 * arrives while it reconnects, for seconds once its backoff grows.
 */
export const KEEPALIVE_MESSAGE: Uint8Array = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, Uint8Array.of(0));
  return encoding.toUint8Array(e);
})();

/** Lowers `basis` to where `update` starts, so everything in it counts as not sent yet. */
function lowerTo(basis: Map<number, number>, update: Uint8Array): void {
  for (const [client, clock] of Y.parseUpdateMeta(update).from) {
    const had = basis.get(client);
    if (had !== undefined && clock < had) basis.set(client, clock);
  }
}

export class UiSocket implements GroupMember {
  private alive = true;
  /** Something went to the client since the last keep-alive tick. */
  private spoke = true;
  private readonly bucket = new TokenBucket(SOCKET_MESSAGE_BURST, SOCKET_MESSAGES_PER_SECOND);
  /** Updates held back: the client lacks at most what the document has beyond this. */
  private heldSince: Map<number, number> | undefined;
  /**
   * The first SyncStep1 not answered yet, as it came. A client's state only
   * grows, so the first is the lowest: the answer to it answers the later ones,
   * and carries every update held back since (the client cannot have what it
   * was not sent). It is read when it is answered.
   */
  private request: Buffer | undefined;
  private answerQueued = false;
  private grace: NodeJS.Timeout | undefined;

  constructor(private readonly o: UiSocketOptions) {
    const { ws } = o;
    ws.on('message', (data: Buffer) => this.onMessage(data));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => {
      clearTimeout(this.grace);
      o.onClose(this);
    });
    ws.on('error', (error) => o.log.warn('ui socket error', { doc: o.docName, error }));
    this.send(uiStep1(o.doc));
  }

  get bufferedAmount(): number {
    return this.o.ws.bufferedAmount;
  }

  /** A change to the document: sent now, or folded into what is held back. */
  update(update: Uint8Array, message: Uint8Array): void {
    if (!this.open) return;
    if (this.heldSince) return lowerTo(this.heldSince, update);
    if (this.request) return; // the answer, computed when it goes, will carry it
    if (this.hasRoom()) return this.send(message);
    const basis = Y.decodeStateVector(Y.encodeStateVector(this.o.doc));
    lowerTo(basis, update);
    this.heldSince = basis;
    this.wait();
    this.o.log.debug('ui socket not reading: holding back, it will get one catch-up update', {
      doc: this.o.docName,
      staff: this.o.actor.id,
    });
  }

  /** Sends what was held back, as one message, if there is room now. */
  flush(): void {
    if ((!this.heldSince && !this.request) || !this.open || !this.hasRoom()) return;
    const { doc } = this.o;
    let message: Uint8Array;
    try {
      message = this.request
        ? this.o.answer(this.request)
        : uiUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(this.heldSince!)));
    } catch (error) {
      return this.malformed(error);
    }
    this.request = undefined;
    this.heldSince = undefined;
    for (const group of this.o.groups) group.waiting.delete(this);
    this.send(message);
  }

  /** Ends the socket; one that misbehaved is not read from any more. */
  close(code: number, reason: string, stopReading = false): void {
    const { ws } = this.o;
    if (ws.readyState === ws.CLOSING || ws.readyState === ws.CLOSED) return;
    ws.close(code, reason);
    if (stopReading) ws.pause();
    const grace = stopReading ? ABUSE_CLOSE_GRACE_MS : CLOSE_GRACE_MS;
    this.grace = setTimeout(() => ws.terminate(), grace).unref();
  }

  /** Called every ping interval: a socket that did not answer the last ping is cut. */
  heartbeat(): void {
    if (!this.alive) return this.o.ws.terminate();
    this.alive = false;
    this.o.ws.ping();
  }

  /** Called every keep-alive interval: a socket that sent nothing since the last call says so. */
  keepAlive(): void {
    const quiet = !this.spoke;
    this.spoke = false;
    // one holding back has a catch-up on its way, and a full buffer is not quiet
    if (quiet && this.open && !this.heldSince && !this.request && this.hasRoom())
      this.send(KEEPALIVE_MESSAGE);
  }

  private get open(): boolean {
    return this.o.ws.readyState === this.o.ws.OPEN;
  }

  private hasRoom(): boolean {
    return (
      this.bufferedAmount < SOCKET_MAX_BUFFERED_BYTES &&
      this.o.groups.every((group) => group.hasBufferRoom())
    );
  }

  private send(message: Uint8Array): void {
    this.spoke = true;
    this.o.ws.send(message, (error) => {
      if (error) return;
      // room was made: for what this socket held back, and for its groups' waiting sockets
      this.flush();
      for (const group of this.o.groups) if (group.waiting.size > 0) group.roomMade();
    });
  }

  private wait(): void {
    for (const group of this.o.groups) group.waiting.add(this);
  }

  private onMessage(data: Buffer): void {
    if (!this.open) return;
    const over = this.overRate();
    if (over) {
      this.o.log.warn('ui socket sends too fast; closing it', {
        staff: this.o.actor.id,
        name: this.o.actor.name,
        doc: this.o.docName,
        client: this.o.client,
        limit: over.limit,
      });
      return this.close(
        over.own ? CLOSE_TOO_FAST : CLOSE_TRY_AGAIN_LATER,
        'too many messages',
        true,
      );
    }
    let kind: 'step1' | 'ignored';
    try {
      kind = clientMessageKind(data);
    } catch (error) {
      return this.malformed(error);
    }
    // a request while one waits is not even read: the first answers it
    if (kind === 'step1' && !this.request) this.answer(Buffer.from(data));
  }

  private malformed(error: unknown): void {
    this.o.log.warn('malformed message from a ui socket; closing it', {
      doc: this.o.docName,
      staff: this.o.actor.id,
      error,
    });
    this.close(CLOSE_MALFORMED, 'malformed message', true);
  }

  /** Which rate the message is over, if any. */
  private overRate(): { limit: string; own: boolean } | undefined {
    if (!this.bucket.take())
      return { limit: `${SOCKET_MESSAGES_PER_SECOND} messages/s per socket`, own: true };
    for (const group of this.o.groups)
      if (!group.take())
        return {
          limit: `${group.limits.rate?.perSecond} messages/s per ${group.kind}`,
          own: OWN_KINDS.has(group.kind),
        };
    return undefined;
  }

  /**
   * A SyncStep1 is answered on the next turn of the event loop, so requests
   * that arrive together (a flood reads as one) cost one diff of the document.
   */
  private answer(step1: Buffer): void {
    this.request = step1;
    this.wait();
    if (this.answerQueued) return;
    this.answerQueued = true;
    setImmediate(() => {
      this.answerQueued = false;
      this.flush();
    });
  }
}
