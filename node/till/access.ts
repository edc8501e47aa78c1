/** Who may do what. Checked in the services, so every entry point (API, CLI) obeys it. */
import { conflict, forbidden } from '../../crdt/errors.ts';
import type { StaffId } from '../../crdt/ids.ts';
import type { StaffRef } from '../../crdt/schema.ts';
import type { Actor } from '../auth/sessions.ts';
import type { TillContext } from './context.ts';

export function requireManager(actor: Actor, action: string): void {
  if (actor.role !== 'manager')
    throw forbidden('MANAGER_ONLY', `${action} needs a manager; ${actor.name} is a ${actor.role}`);
}

export const staffRef = (actor: Actor): StaffRef => ({ id: actor.id, name: actor.name });

/** Changes the till makes by itself (registering in the mesh, seeding). */
export const SYSTEM: StaffRef = { id: 'system' as StaffId, name: 'posmesh' };

/**
 * Refuses what would sell under a till code another till of the mesh owns (it
 * claimed the code first): two tills must never hand out the same numbers.
 */
export function requireOwnCode(ctx: Pick<TillContext, 'code' | 'registry' | 'signer'>): void {
  const owner = ctx.registry.ownerOf(ctx.code);
  if (owner === undefined || owner === ctx.signer.peerId) return;
  const other = ctx.registry.identity(owner);
  throw conflict(
    'DUPLICATE_TILL_CODE',
    `till code ${ctx.code} belongs to another till of the mesh ("${other?.name ?? '?'}", peer …${owner.slice(-8)}), which claimed it first: this till sells nothing under it. Give it another code (till.code in mesh.config.json); what it sold is kept`,
  );
}
