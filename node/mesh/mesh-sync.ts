/**
 * Document sync between tills. On a new session each side says hello (its live
 * documents) and sends SyncStep1 for each; the answers fill the gaps both ways.
 * Afterwards every local change goes to every peer, batched per document; what
 * came from a peer is not echoed (forwarding is for hubs such as the relay).
 * A periodic state-vector exchange (anti-entropy) repairs anything missed in a
 * partial mesh and tells us how far behind each peer is.
 */
import * as Y from 'yjs';
import { parseDocName } from '../../crdt/documents.ts';
import type { DocHost } from '../docs/doc-host.ts';
import { PEER_COPY } from '../docs/doc-host.ts';
import type { UpdateOrigin } from '../docs/origins.ts';
import type { Logger } from '../log.ts';
import type { PeerChannel } from './peer-channel.ts';
import type { Presence } from './presence.ts';
import { decodeSyncMessage, encodeStep1, encodeStep2 } from './sync-messages.ts';
import { SyncSession } from './sync-session.ts';
import type { Frame } from './wire.ts';
import { MAX_HELLO_DOCS, PROTOCOL_VERSION } from './wire.ts';

export const ANTI_ENTROPY_MS = 15_000;
/** Closed days announced in a hello, newest first. */
export const RECENT_CLOSED_DAYS = 200;

/** Shared documents first, then business days from the newest (date, then session) back. */
export function newestFirst(names: readonly string[]): string[] {
  const days: Array<{ name: string; key: string }> = [];
  const shared: string[] = [];
  for (const name of names) {
    const ref = parseDocName(name);
    if (ref?.kind === 'day')
      days.push({ name, key: `${ref.businessDate}-${String(ref.session).padStart(4, '0')}` });
    else shared.push(name);
  }
  days.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return [...shared, ...days.map((d) => d.name)];
}

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
}

export interface PeerSyncStatus {
  peer: string;
  till: string | undefined;
  /** A session is open now; otherwise this is what the last one left. */
  connected: boolean;
  since: number;
  lastReceivedAt: number;
  /** When the peer last answered a sync request (this till then held all it had), this session or an earlier one. */
  lastSyncAt: number | null;
  /** Documents where this till has changes the peer has not reported yet (by its last report, if it is away). */
  behind: string[];
}

/** What a closed session leaves for the status page: when that peer was last heard and in sync. */
interface PastSession {
  till: string | undefined;
  since: number;
  lastReceivedAt: number;
  lastSyncAt: number | null;
  peerStateVectors: Map<string, Uint8Array>;
}

/** Peers remembered after their session closed; the oldest are forgotten first. */
export const MAX_PAST_PEERS = 256;

/** True when `ours` has something `theirs` lacks. */
export function isAhead(ours: Uint8Array, theirs: Uint8Array): boolean {
  const a = Y.decodeStateVector(ours);
  const b = Y.decodeStateVector(theirs);
  for (const [client, clock] of a) if ((b.get(client) ?? 0) < clock) return true;
  return false;
}

export class MeshSync {
  private readonly sessions = new Map<string, SyncSession>();
  private readonly past = new Map<string, PastSession>();
  private readonly unsubscribe: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: MeshSyncOptions) {
    this.unsubscribe.push(
      o.docs.onUpdate((doc, update, origin) => this.fanOut(doc, update, origin)),
    );
    if (o.presence)
      this.unsubscribe.push(
        o.presence.onLocalUpdate((update) => this.broadcast({ type: 'awareness', update })),
        // forwarded presence keeps every till's state alive where it has no session
        o.presence.onRemoteUpdate((update, peer) => {
          if (this.forwarding()) this.broadcast({ type: 'awareness', update }, peer);
        }),
      );
    this.timer = setInterval(() => this.antiEntropy(), o.antiEntropyMs ?? ANTI_ENTROPY_MS);
    this.timer.unref();
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
    session.send(this.hello());
    for (const name of this.liveDocs()) this.sendStep1(session, name);
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
      this.liveDocs().flatMap((name) => {
        const doc = this.o.docs.get(name);
        return doc ? [[name, Y.encodeStateVector(doc)] as const] : [];
      }),
    );
    const behind = (theirs: Map<string, Uint8Array>) =>
      [...ours]
        .filter(([name, sv]) => {
          const reported = theirs.get(name);
          return !reported || isAhead(sv, reported);
        })
        .map(([name]) => name);
    const live = [...this.sessions.values()].map((s) => ({
      peer: s.peer,
      till: s.till ?? this.past.get(s.peer)?.till,
      connected: true,
      since: s.startedAt,
      lastReceivedAt: s.lastReceivedAt,
      // a session that just opened has not synced yet: the last one's time still holds
      lastSyncAt: s.lastSyncAt ?? this.past.get(s.peer)?.lastSyncAt ?? null,
      behind: behind(s.peerStateVectors),
    }));
    const away = [...this.past]
      .filter(([peer]) => !this.sessions.has(peer))
      .map(([peer, p]) => ({
        peer,
        till: p.till,
        connected: false,
        since: p.since,
        lastReceivedAt: p.lastReceivedAt,
        lastSyncAt: p.lastSyncAt,
        behind: behind(p.peerStateVectors),
      }));
    return [...live, ...away];
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
    clearInterval(this.timer);
    for (const off of this.unsubscribe) off();
    for (const session of this.sessions.values()) session.close('till stopping');
    this.sessions.clear();
  }

  private hello(): Frame {
    return {
      type: 'hello',
      version: PROTOCOL_VERSION,
      meshId: this.o.meshId,
      till: this.o.till,
      docs: this.helloDocs(),
    };
  }

  private liveDocs(): string[] {
    return this.o.docs.names().filter((name) => parseDocName(name) !== undefined);
  }

  /**
   * The live documents and the most recent closed days, so a till that was away
   * when a day closed still learns of it (and asks for it) — capped to what a
   * hello may carry.
   */
  private helloDocs(): string[] {
    // a hub (the relay) may hold more live days than a hello carries: leave out the oldest,
    // never the newest, which a till coming back is the one to lack
    const live = newestFirst(this.liveDocs()).slice(0, MAX_HELLO_DOCS);
    // a hub keeps the closed days for the tills that were away: it offers as many as fit
    const recent = this.o.forwardPeerUpdates ? MAX_HELLO_DOCS : RECENT_CLOSED_DAYS;
    const closed = newestFirst(
      this.o.docs.closedNames().filter((name) => parseDocName(name)?.kind === 'day'),
    ).slice(0, Math.max(0, Math.min(recent, MAX_HELLO_DOCS - live.length)));
    return [...live, ...closed];
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
    }
  }

  private onHello(session: SyncSession, hello: Extract<Frame, { type: 'hello' }>): void {
    if (hello.version !== PROTOCOL_VERSION) {
      return session.close(`peer speaks protocol ${hello.version}, this till ${PROTOCOL_VERSION}`);
    }
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
    if (sync.kind === 'step1') {
      session.peerStateVectors.set(name, sync.stateVector);
      // documents come into being by hello only; a request for one this till lacks gets nothing
      if (!this.o.docs.get(name) && !this.o.docs.isClosed(name)) return;
      session.reply(name, () => {
        const doc = this.o.docs.get(name) ?? this.o.docs.readClosed(name);
        if (!doc) return undefined;
        const frame: Frame = {
          type: 'sync',
          doc: name,
          message: encodeStep2(doc, sync.stateVector),
        };
        if (!this.o.docs.get(name)) {
          // the peer holds changes made after the close here: ask for them, to be looked at
          if (this.o.onClosedUpdate && isAhead(sync.stateVector, Y.encodeStateVector(doc)))
            session.send({ type: 'sync', doc: name, message: encodeStep1(doc) });
          doc.destroy();
        }
        return frame;
      });
      return;
    }
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
    this.o.onPeerUpdate?.(name);
  }

  private onClose(session: SyncSession, reason: string): void {
    // a dropped duplicate leaves the kept session (and the peer's presence) alone
    if (this.sessions.get(session.peer) === session) {
      this.sessions.delete(session.peer);
      this.remember(session);
      this.o.presence?.forget(session.peer);
    }
    this.o.log.info('sync session closed', { peer: session.peer, till: session.till, reason });
  }

  private remember(session: SyncSession): void {
    const before = this.past.get(session.peer);
    this.past.delete(session.peer); // re-inserted: the map stays ordered oldest first
    this.past.set(session.peer, {
      till: session.till ?? before?.till,
      since: session.startedAt,
      lastReceivedAt: session.lastReceivedAt,
      lastSyncAt: session.lastSyncAt ?? before?.lastSyncAt ?? null,
      peerStateVectors: new Map([...(before?.peerStateVectors ?? []), ...session.peerStateVectors]),
    });
    for (const peer of this.past.keys()) {
      if (this.past.size <= MAX_PAST_PEERS) break;
      this.past.delete(peer);
    }
  }

  private fanOut(doc: string, update: Uint8Array, origin: UpdateOrigin): void {
    if (!parseDocName(doc)) return;
    if (origin.source === 'peer' && !this.forwarding()) return;
    for (const session of this.sessions.values()) {
      if (origin.source === 'peer' && origin.peer === session.peer) continue;
      session.queueUpdate(doc, update);
    }
  }

  private forwarding(): boolean {
    const forward = this.o.forwardPeerUpdates;
    return typeof forward === 'function' ? forward() : !!forward;
  }

  /** To every peer, or every peer but the one it came from. */
  private broadcast(frame: Frame, except?: string): void {
    for (const session of this.sessions.values()) if (session.peer !== except) session.send(frame);
  }

  private antiEntropy(): void {
    for (const session of this.sessions.values()) {
      // the document list too: a day that reached only some tills (a till cut off, then
      // gone) is asked for by the others, where no one forwards it
      session.send(this.hello());
      for (const name of this.liveDocs()) this.sendStep1(session, name);
    }
  }
}
