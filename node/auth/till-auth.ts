/**
 * Signing in: staff by PIN (throttled per staff member and per client), and
 * the operator token, a secret file in the data directory that lets the local
 * CLI act with manager rights (whoever can read the till's files runs the till).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StaffDirectory } from '../../crdt/staff.ts';
import type { StaffId } from '../../crdt/ids.ts';
import type { Staff } from '../../crdt/schema.ts';
import type { Logger } from '../log.ts';
import { AuthError, LoginThrottledError } from './errors.ts';
import { LoginThrottle } from './login-throttle.ts';
import { verifyPin } from './pin-hash.ts';
import type { Actor } from './sessions.ts';
import { Sessions } from './sessions.ts';

export const CLIENT_FREE_ATTEMPTS = 10;
export const OPERATOR_TOKEN_FILE = 'operator.token';
export const OPERATOR: Actor = {
  id: 'operator' as StaffId,
  name: 'Operator (CLI)',
  role: 'manager',
};

export function loadOrCreateOperatorToken(dataDir: string): string {
  const file = join(dataDir, OPERATOR_TOKEN_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/**
 * Why a change to a staff record ends that person's sessions, or undefined when
 * it does not (a new name keeps them signed in). A session was granted against
 * the record as it was: a new PIN, another role or a deactivation takes it back.
 */
export function sessionEndingChange(
  before: Staff | undefined,
  after: Staff | undefined,
): string | undefined {
  if (!after) return 'staff record removed or unreadable';
  if (!after.active) return 'deactivated';
  if (!before) return undefined;
  if (before.role !== after.role) return 'role changed';
  if (before.pinHash !== after.pinHash) return 'PIN changed';
  return undefined;
}

export class TillAuth {
  readonly sessions = new Sessions();
  /** Per staff member: a few mistakes, then slower. */
  private readonly staffThrottle = new LoginThrottle();
  /**
   * Per client address, looser: every cashier of a till signs in from the same
   * browser, and one fumbling colleague must not lock the others out.
   */
  private readonly clientThrottle = new LoginThrottle(Date.now, CLIENT_FREE_ATTEMPTS);
  private readonly operatorToken: Buffer;

  constructor(
    private readonly staff: StaffDirectory,
    operatorToken: string,
    private readonly log: Logger,
  ) {
    this.operatorToken = Buffer.from(operatorToken);
    // the staff document, not a service call: a change synced from another till counts the same
    staff.onChange((id, before, after) => {
      const reason = sessionEndingChange(before, after);
      if (!reason) return;
      try {
        const ended = this.sessions.revokeStaff(id);
        if (ended > 0) this.log.info('sessions ended', { staff: id, reason, sessions: ended });
      } catch (error) {
        // this runs inside the staff document's transaction: a socket that fails to close must not fail it
        this.log.error('ending the sessions of a changed staff member failed', {
          staff: id,
          error,
        });
      }
    });
  }

  /** Staff who can sign in, for the login screen: no hashes. */
  staffList(): Array<{ id: StaffId; name: string; role: string }> {
    return this.staff
      .all()
      .filter((s) => s.active)
      .map((s) => ({ id: s.id, name: s.name, role: s.role }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  login(staffId: string, pin: string, client: string): { token: string; actor: Actor } {
    const wait = Math.max(this.staffThrottle.waitMs(staffId), this.clientThrottle.waitMs(client));
    if (wait > 0) throw new LoginThrottledError(wait);
    const staff = this.staff.member(staffId as StaffId);
    if (!staff || !staff.active || typeof pin !== 'string' || !verifyPin(pin, staff.pinHash)) {
      this.staffThrottle.failed(staffId);
      this.clientThrottle.failed(client);
      this.log.warn('sign-in refused', { staff: staffId, client });
      throw new AuthError('unknown staff member or wrong PIN');
    }
    this.staffThrottle.succeeded(staffId);
    this.clientThrottle.succeeded(client);
    const actor: Actor = { id: staff.id, name: staff.name, role: staff.role };
    this.log.info('signed in', { staff: staff.id, name: staff.name, role: staff.role, client });
    return { token: this.sessions.create(actor), actor };
  }

  /** The actor behind a bearer token; staff that were deactivated lose access at once. */
  resolve(token: string): Actor | undefined {
    const given = Buffer.from(token);
    if (given.length === this.operatorToken.length && timingSafeEqual(given, this.operatorToken))
      return OPERATOR;
    const actor = this.sessions.resolve(token);
    if (!actor) return undefined;
    const staff = this.staff.member(actor.id);
    if (!staff?.active || staff.role !== actor.role) {
      this.sessions.revoke(token);
      return undefined;
    }
    return actor;
  }
}
