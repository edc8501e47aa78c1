/**
 * Document sync between tills. On a new session each side says hello (its live
 * documents) and sends SyncStep1 for each; the answers fill the gaps both ways.
 * Afterwards every local change goes to every peer, batched per document; what
 * came from a peer is not echoed in a full mesh. A hub (the relay) and every
 * till of a ring-neighbour mesh pass it on as an announcement (HAVE), and the
 * peers that lack it ask for it (wants.ts): most got it by another path.
 * A periodic exchange of digests (anti-entropy.ts) repairs anything missed in a
 * partial mesh and tells us how far behind each peer is.
 */
import * as Y from 'yjs';
import { parseDocName } from '../../crdt/documents.ts';
import type { DocHost } from '../docs/doc-host.ts';
import { PEER_COPY } from '../docs/doc-host.ts';
import type { UpdateOrigin } from '../docs/origins.ts';
import type { Logger } from '../log.ts';
import { AntiEntropy } from './anti-entropy.ts';
import { answerRequest } from './answer-request.ts';
import { fanOut } from './fan-out.ts';
import type { PeerChannel } from './peer-channel.ts';
import { helloDocs, liveDocs } from './listed-docs.ts';
import type { Presence } from './presence.ts';
import { decodeSyncMessage, encodeStep1, encodeStep2 } from './sync-messages.ts';
import { SyncSession } from './sync-session.ts';
import type { PeerSyncStatus } from './sync-status.ts';
import { isAhead, PastPeers } from './sync-status.ts';
import { Wants } from './wants.ts';
import type { Reach } from './reach.ts';
import type { Frame } from './wire.ts';
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION } from './wire.ts';

export interface MeshSyncOptions {
  self: string;
  till: string;
  meshId: string;
  docs: DocHost;
  log: Logger;
  presence?: Presence;
  /** Called after a peer's update landed in a document (to absorb closed peer days). */
  onPeerUpdate?: (doc: string) => void;
  /** Runs in the commit of each peer update, right after it was applied. */
  inPeerCommit?: () => void;
  /**
   * A peer's update to a document closed here (a till keeps its closed days' records
   * as they closed); without it such updates are dropped.
   */
  onClosedUpdate?: (doc: string, update: Uint8Array, origin: UpdateOrigin) => void;
  /**
   * Pass on what one peer sends to the others: a hub (the relay) always, a till
   * when the mesh is too large for a full mesh (asked per update).
   */
  forwardPeerUpdates?: boolean | (() => boolean);
  antiEntropyMs?: number;
  wantRetryMs?: number;
}

export class MeshSync {
  private readonly sessions = new Map<string, SyncSession>();
  private readonly past = new PastPeers();
  private readonly unsubscribe: Array<() => void> = [];
  private readonly wants: Wants;
  private readonly antiEntropy: AntiEntropy;

  constructor(private readonly o: MeshSyncOptions) {
    this.wants = new Wants(
      { holds: (doc, reach) => this.holds(doc, reach), ask: (peer, doc) => this.askFor(peer, doc) },
      o.wantRetryMs,
    );
    this.unsubscribe.push(
      o.docs.onUpdate((doc, update, origin) => {
        if (parseDocName(doc)) fanOut(this.sessions, doc, update, origin, () => this.forwarding());
      }),
    );
    if (o.presence)
      this.unsubscribe.push(
        o.presence.onLocalUpdate((update) => this.broadcast({ type: 'awareness', update })),
        // forwarded presence keeps every till's state alive where it has no session
        o.presence.onRemoteUpdate((update, peer) => {
          if (this.forwarding()) this.broadcast({ type: 'awareness', update }, peer);
        }),
      );
    this.antiEntropy = new AntiEntropy({
      docs: o.docs,
      sessions: () => this.sessions.values(),
      listed: () => helloDocs(this.o.docs, !!this.o.forwardPeerUpdates),
      exchange: (session) => this.exchange(session),
      intervalMs: o.antiEntropyMs,
    });
  }

  /** Starts syncing over a new channel; one session per peer survives (see `prefer`). */
  attach(channel: PeerChannel): SyncSession {
    const session = new SyncSession(channel, this.o.log, {
      onFrame: (s, frame) => this.onFrame(s, frame),
      onClose: (s, reason) => this.onClose(s, reason),
      resync: (s, name) => this.fullDiff(s, name),
    });
    const existing = this.sessions.get(channel.peer);
    if (existing && !existing.closed) {
      const keep = this.prefer(existing, session);
      const drop = keep === existing ? session : existing;
      this.sessions.set(channel.peer, keep);
      drop.close('duplicate session');
      if (keep === existing) return existing;
    } else {
      this.sessions.set(channel.peer, session);
    }
    this.o.log.info('sync session open', { peer: channel.peer, openedBy: channel.openedBy });
    this.exchange(session);
    const awareness = this.o.presence?.fullState();
    if (awareness) session.send({ type: 'awareness', update: awareness });
    return session;
  }

  /** Both sides keep the same one: opened by the lower peer id, else the newer. */
  private prefer(a: SyncSession, b: SyncSession): SyncSession {
    const lower = this.o.self < a.peer ? this.o.self : a.peer;
    const aLower = a.channel.openedBy === lower;
    const bLower = b.channel.openedBy === lower;
    if (aLower !== bLower) return aLower ? a : b;
    return b;
  }

  connectedPeers(): string[] {
    return [...this.sessions.keys()];
  }

  /** Every peer with a session now, and those whose session closed (never "up to date" then). */
  status(): PeerSyncStatus[] {
    const ours = new Map(
      liveDocs(this.o.docs).flatMap((name) => {
        const doc = this.o.docs.get(name);
        return doc ? [[name, Y.encodeStateVector(doc)] as const] : [];
      }),
    );
    return this.past.status(this.sessions, ours);
  }

  /** Peers that hold every change of `doc` this till has (by their last report). */
  peersHolding(doc: string): string[] {
    const local = this.o.docs.get(doc);
    if (!local) return [];
    const ours = Y.encodeStateVector(local);
    return [...this.sessions.values()]
      .filter((s) => {
        const theirs = s.peerStateVectors.get(doc);
        return theirs !== undefined && !isAhead(ours, theirs);
      })
      .map((s) => s.peer);
  }

  stop(): void {
    this.antiEntropy.stop();
    for (const off of this.unsubscribe) off();
    for (const session of this.sessions.values()) session.close('till stopping');
    this.sessions.clear();
    this.wants.stop(); // last: closing sessions hands their asks on
  }

  private hello(): Frame {
    return {
      type: 'hello',
      version: PROTOCOL_VERSION,
      meshId: this.o.meshId,
      till: this.o.till,
      docs: helloDocs(this.o.docs, !!this.o.forwardPeerUpdates),
    };
  }

  /** Everything of `name` the peer has not reported having (after dropped updates). */
  private fullDiff(session: SyncSession, name: string): Frame | undefined {
    const doc = this.o.docs.get(name);
    return doc
      ? { type: 'sync', doc: name, message: encodeStep2(doc, session.peerStateVectors.get(name)) }
      : undefined;
  }

  private sendStep1(session: SyncSession, name: string): void {
    const doc = this.o.docs.get(name);
    if (doc) session.send({ type: 'sync', doc: name, message: encodeStep1(doc) });
  }

  private onFrame(session: SyncSession, frame: Frame): void {
    switch (frame.type) {
      case 'hello':
        return this.onHello(session, frame);
      case 'sync':
        return this.onSync(session, frame.doc, frame.message);
      case 'awareness':
        this.o.presence?.apply(frame.update, session.peer);
        return;
      case 'have':
        // a kind of document this till does not know is ignored, as its SYNC would be
        if (parseDocName(frame.doc)) this.wants.announced(session.peer, frame.doc, frame.reach);
        return;
      case 'digest':
        return this.antiEntropy.received(session, frame.digest);
    }
  }

  private onHello(session: SyncSession, hello: Extract<Frame, { type: 'hello' }>): void {
    if (hello.version < MIN_PROTOCOL_VERSION || hello.version > PROTOCOL_VERSION) {
      return session.close(
        `peer speaks protocol ${hello.version}, this till ${MIN_PROTOCOL_VERSION} to ${PROTOCOL_VERSION}`,
      );
    }
    session.peerVersion = hello.version;
    if (hello.meshId !== this.o.meshId)
      return session.close(`peer belongs to mesh ${hello.meshId}`);
    session.till = hello.till;
    for (const name of hello.docs) {
      if (this.o.docs.get(name) || !parseDocName(name) || this.o.docs.isClosed(name)) continue;
      // a document the peer has and this till never saw: take it live and ask for it
      this.o.docs.open(name);
      this.sendStep1(session, name);
    }
  }

  private onSync(session: SyncSession, name: string, message: Uint8Array): void {
    if (!parseDocName(name)) {
      this.o.log.debug('sync for an unknown kind of document ignored', {
        peer: session.peer,
        doc: name,
      });
      return;
    }
    const sync = decodeSyncMessage(message);
    if (sync.kind === 'step1')
      return answerRequest(this.o.docs, session, name, sync.stateVector, !!this.o.onClosedUpdate);
    const origin: UpdateOrigin = { source: 'peer', peer: session.peer };
    if (this.o.docs.isClosed(name)) return this.o.onClosedUpdate?.(name, sync.update, origin);
    const doc = this.o.docs.open(name);
    // one commit for the peer's update and the till's answer to it (writing back its own
    // records): a crash cannot land between them
    this.o.docs.transact(() => {
      Y.applyUpdate(doc, sync.update, origin);
      this.o.inPeerCommit?.();
    }, PEER_COPY);
    if (sync.kind === 'step2') session.lastSyncAt = Date.now();
    this.wants.received(name);
    this.o.onPeerUpdate?.(name);
  }

  /** Whether this till holds what a HAVE names; a day closed here takes late changes by anti-entropy. */
  private holds(name: string, reach: Reach): boolean {
    const doc = this.o.docs.get(name);
    if (!doc) return this.o.docs.isClosed(name);
    for (const [client, clock] of reach) if (Y.getState(doc.store, client) < clock) return false;
    return true;
  }

  /** SyncStep1 to `peer` for `name` (a document new to this till is created, as a hello would). */
  private askFor(peer: string, name: string): boolean {
    const session = this.sessions.get(peer);
    if (!session || session.closed) return false;
    this.o.docs.open(name);
    this.sendStep1(session, name);
    return true;
  }

  private onClose(session: SyncSession, reason: string): void {
    // a dropped duplicate leaves the kept session (and the peer's presence) alone
    if (this.sessions.get(session.peer) === session) {
      this.sessions.delete(session.peer);
      this.past.remember(session);
      this.wants.peerGone(session.peer);
      this.o.presence?.forget(session.peer);
    }
    this.o.log.info('sync session closed', { peer: session.peer, till: session.till, reason });
  }

  private forwarding(): boolean {
    const forward = this.o.forwardPeerUpdates;
    return typeof forward === 'function' ? forward() : !!forward;
  }

  /** To every peer, or every peer but the one it came from. */
  private broadcast(frame: Frame, except?: string): void {
    for (const session of this.sessions.values()) if (session.peer !== except) session.send(frame);
  }

  /**
   * Hello and a SyncStep1 per live document: the answers bring what this till lacks. The
   * document list too: a day that reached only some tills (a till cut off, then gone) is
   * asked for by the others, where no one forwards it.
   */
  private exchange(session: SyncSession): void {
    session.send(this.hello());
    for (const name of liveDocs(this.o.docs)) this.sendStep1(session, name);
  }
}
