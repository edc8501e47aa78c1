/**
 * This till in the mesh's registry: it registers its code against its key at
 * every start, and knows at every moment whether it owns that code. A till that
 * finds its code owned by an earlier claim sells nothing under it, and says so
 * in its log, on its screen and on every till's status page; what it already
 * sold stays in its documents and journal, signed by its own key.
 */
import type { IdentityStatus } from '../../crdt/api-types.ts';
import type { Identity } from '../../crdt/identities.ts';
import { writeIdentity } from '../../crdt/identities.ts';
import { SETTINGS } from '../../crdt/documents.ts';
import type { TillContext } from './context.ts';
import { commit } from './context.ts';

export const FOUNDER_KEY = 'founder';

/** The mesh a till runs in: its id, and whether this till just made its secret. */
export interface MeshMembership {
  meshId: string;
  created: boolean;
}

export class IdentityService {
  private owned: boolean | undefined;
  /** Whether this till made the mesh it is in (and so seeds its settings). */
  readonly founder: boolean;

  /** Without a mesh (a till alone, in tests and benchmarks) a till is its own founder. */
  constructor(
    private readonly ctx: TillContext,
    mesh: MeshMembership | undefined,
  ) {
    // kept per mesh id: a till that made one mesh and joined another founds only the first
    if (mesh?.created) ctx.state.set(FOUNDER_KEY, mesh.meshId);
    this.founder = mesh === undefined || ctx.state.get(FOUNDER_KEY) === mesh.meshId;
  }

  /** Writes this till's entry when it is missing or out of date; the first claim of a code keeps its time. */
  register(name: string): void {
    const { ctx } = this;
    const existing = ctx.registry.identity(ctx.signer.peerId);
    const identity: Identity = {
      peerId: ctx.signer.peerId,
      code: ctx.code,
      name,
      claimedAt: existing?.code === ctx.code ? existing.claimedAt : ctx.clock.now(),
      founder: this.founder,
    };
    const same =
      existing &&
      existing.code === identity.code &&
      existing.name === identity.name &&
      existing.founder === identity.founder;
    if (!same)
      commit(ctx, ctx.settingsDoc, () => writeIdentity(ctx.settingsDoc, identity, ctx.signer));
    ctx.settingsDoc.getMap(SETTINGS.identities).observe(() => this.check());
    this.check();
  }

  status(): IdentityStatus {
    const owner = this.ctx.registry.ownerOf(this.ctx.code) ?? null;
    return {
      peerId: this.ctx.signer.peerId,
      code: this.ctx.code,
      ownsCode: owner === null || owner === this.ctx.signer.peerId,
      owner,
      founder: this.founder,
      duplicates: this.ctx.registry.duplicates(),
    };
  }

  private check(): void {
    const { ownsCode, owner } = this.status();
    if (ownsCode === this.owned) return;
    this.owned = ownsCode;
    if (ownsCode) this.ctx.log.info('till code registered', { code: this.ctx.code });
    else
      this.ctx.log.error('till code taken: another till claimed it first; selling is refused', {
        code: this.ctx.code,
        owner,
        self: this.ctx.signer.peerId,
      });
  }
}
