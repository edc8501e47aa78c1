/**
 * A manager's approval on the spot: what a cashier may not do alone (a big
 * discount, a price override, a void, a paid-out, a no-sale drawer opening) is
 * allowed when a manager types their PIN at that moment, without the cashier
 * signing out. The approving manager is recorded with the change. PIN guesses
 * are throttled as at sign-in.
 */
import { forbidden } from '../../crdt/errors.ts';
import type { StaffId } from '../../crdt/ids.ts';
import type { ApprovedAction, StaffRef } from '../../crdt/schema.ts';
import type { StaffDirectory } from '../../crdt/staff.ts';
import type { Logger } from '../log.ts';
import { LoginThrottledError } from './errors.ts';
import { LoginThrottle } from './login-throttle.ts';
import { verifyPin } from './pin-hash.ts';
import type { Actor } from './sessions.ts';

/** A manager's id and PIN, typed at the till for one action. */
export interface ApprovalPin {
  staffId: string;
  pin: string;
}

export class ManagerApproval {
  private readonly throttle = new LoginThrottle();

  constructor(
    private readonly staff: StaffDirectory,
    private readonly log: Logger,
  ) {}

  /**
   * The manager who allows `actor` to do `action`: the actor, when a manager;
   * else the manager whose PIN came with the request. Refused in words otherwise.
   */
  approver(actor: Actor, action: ApprovedAction, what: string, pin?: ApprovalPin): StaffRef {
    if (actor.role === 'manager') return { id: actor.id, name: actor.name };
    if (!pin)
      throw forbidden('APPROVAL_REQUIRED', `${what} needs a manager's approval (their PIN, here)`, {
        action,
      });
    const wait = this.throttle.waitMs(pin.staffId);
    if (wait > 0) throw new LoginThrottledError(wait);
    const manager = this.staff.member(pin.staffId as StaffId);
    if (!manager?.active || manager.role !== 'manager' || !verifyPin(pin.pin, manager.pinHash)) {
      this.throttle.failed(pin.staffId);
      this.log.warn('approval refused', { action, cashier: actor.id, manager: pin.staffId });
      // 403, not 401: a wrong approval must not sign the cashier out
      throw forbidden(
        'APPROVAL_REFUSED',
        `the approval for ${what} was refused: not a manager, or a wrong PIN`,
      );
    }
    this.throttle.succeeded(pin.staffId);
    this.log.info('approved', { action, cashier: actor.id, manager: manager.id });
    return { id: manager.id, name: manager.name };
  }
}
