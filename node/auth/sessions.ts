/**
 * Login sessions: an opaque random token per sign-in, expiring after a period
 * without use. Every write is made as the session's staff member.
 */
import { randomBytes } from 'node:crypto';
import type { StaffId } from '../../crdt/ids.ts';
import type { StaffRole } from '../../crdt/schema.ts';

export const SESSION_IDLE_MS = 12 * 60 * 60_000;

export interface Actor {
  id: StaffId;
  name: string;
  role: StaffRole;
}

interface Session {
  actor: Actor;
  lastUsed: number;
}

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly revokeListeners = new Set<(token: string) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  create(actor: Actor): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { actor, lastUsed: this.now() });
    return token;
  }

  /** The actor of a live token, refreshing its idle timer. */
  resolve(token: string): Actor | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (this.now() - session.lastUsed > SESSION_IDLE_MS) {
      this.revoke(token);
      return undefined;
    }
    session.lastUsed = this.now();
    return session.actor;
  }

  revoke(token: string): void {
    if (!this.sessions.delete(token)) return;
    for (const listener of this.revokeListeners) listener(token);
  }

  /** Names of the staff signed in now (for presence). */
  activeNames(): string[] {
    const cutoff = this.now() - SESSION_IDLE_MS;
    const names = new Set<string>();
    for (const s of this.sessions.values()) if (s.lastUsed >= cutoff) names.add(s.actor.name);
    return [...names].sort();
  }

  /** Hears of every ended session, so open sockets can be closed with it. */
  onRevoke(listener: (token: string) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  /**
   * Ends every session of a staff member (PIN or role changed, deactivated):
   * each one like a sign-out, so its sockets and streams close with it.
   * Returns how many there were.
   */
  revokeStaff(id: StaffId): number {
    const tokens = [...this.sessions].filter(([, s]) => s.actor.id === id).map(([token]) => token);
    for (const token of tokens) this.revoke(token);
    return tokens.length;
  }
}
