/**
 * What the status page learns from the sync engine: per peer, whether a
 * session is open, when it was last heard and last in sync, and which live
 * documents it lacks changes of (by the state vectors it last reported),
 * also for peers whose session closed.
 */
import * as Y from 'yjs';
import type { SyncSession } from './sync-session.ts';

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

export class PastPeers {
  private readonly past = new Map<string, PastSession>();

  remember(session: SyncSession): void {
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

  /**
   * Every peer with a session now, and those whose session closed (never "up to date"
   * then); `ours` holds this till's state vector per live document.
   */
  status(
    sessions: ReadonlyMap<string, SyncSession>,
    ours: Map<string, Uint8Array>,
  ): PeerSyncStatus[] {
    const behind = (theirs: Map<string, Uint8Array>) =>
      [...ours]
        .filter(([name, sv]) => {
          const reported = theirs.get(name);
          return !reported || isAhead(sv, reported);
        })
        .map(([name]) => name);
    const live = [...sessions.values()].map((s) => ({
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
      .filter(([peer]) => !sessions.has(peer))
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
}
