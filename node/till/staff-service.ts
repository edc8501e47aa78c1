/** Staff members and their PINs: managers add, change and deactivate them. */
import { invalid } from '../../crdt/errors.ts';
import type { StaffId } from '../../crdt/ids.ts';
import { newId } from '../../crdt/ids.ts';
import type { Staff, StaffRole } from '../../crdt/schema.ts';
import { staffRoles, staffSchema } from '../../crdt/schema.ts';
import { putStaff } from '../../crdt/staff.ts';
import { hashPin, PIN_PATTERN } from '../auth/pin-hash.ts';
import type { Actor } from '../auth/sessions.ts';
import { requireManager, staffRef } from './access.ts';
import type { StaffMember } from '../../crdt/api-types.ts';
import { parseRecord } from './catalogue-service.ts';
import type { TillContext } from './context.ts';
import { commit } from './context.ts';

export interface StaffInput {
  id?: string;
  name: string;
  role: StaffRole;
  pin?: string;
  active?: boolean;
}

/**
 * Saving a record is all it takes to end sessions: TillAuth watches the staff
 * document, so a change made here and one synced from another till are the same.
 */
export class StaffService {
  constructor(private readonly ctx: TillContext) {}

  /** Everyone, deactivated people too, for the manager's staff screen; never a PIN hash. */
  list(actor: Actor): StaffMember[] {
    requireManager(actor, 'managing staff');
    return this.ctx.staff.all().map(({ pinHash: _hidden, ...member }) => member);
  }

  upsert(actor: Actor, input: StaffInput): Staff {
    requireManager(actor, 'managing staff');
    if (!staffRoles.includes(input.role))
      throw invalid('INVALID_ROLE', `role must be one of ${staffRoles.join(', ')}`);
    const existing = input.id ? this.ctx.staff.member(input.id as StaffId) : undefined;
    if (!existing && input.pin === undefined)
      throw invalid('PIN_REQUIRED', 'a new staff member needs a PIN');
    if (input.pin !== undefined && !PIN_PATTERN.test(input.pin))
      throw invalid('INVALID_PIN', 'a PIN is 4 to 8 digits');
    const staff = parseRecord(
      staffSchema,
      {
        id: existing?.id ?? input.id ?? newId<StaffId>(),
        name: input.name,
        role: input.role,
        pinHash: input.pin !== undefined ? hashPin(input.pin) : existing?.pinHash,
        active: input.active ?? true,
        updatedAt: this.ctx.clock.now(),
        updatedBy: staffRef(actor),
      },
      'staff member',
    );
    commit(this.ctx, this.ctx.staffDoc, () => putStaff(this.ctx.staffDoc, staff));
    this.ctx.log.info('staff member saved', {
      staff: staff.id,
      name: staff.name,
      role: staff.role,
      active: staff.active,
      by: actor.id,
    });
    return staff;
  }
}
