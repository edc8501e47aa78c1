/** Who may do what. Checked in the services, so every entry point (API, CLI) obeys it. */
import { forbidden } from '../../crdt/errors.ts';
import type { StaffId } from '../../crdt/ids.ts';
import type { StaffRef } from '../../crdt/schema.ts';
import type { Actor } from '../auth/sessions.ts';

export function requireManager(actor: Actor, action: string): void {
  if (actor.role !== 'manager')
    throw forbidden('MANAGER_ONLY', `${action} needs a manager; ${actor.name} is a ${actor.role}`);
}

export const staffRef = (actor: Actor): StaffRef => ({ id: actor.id, name: actor.name });

/** Changes the till makes by itself (registering in the mesh, seeding). */
export const SYSTEM: StaffRef = { id: 'system' as StaffId, name: 'posmesh' };
