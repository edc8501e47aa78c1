/**
 * Asks a mesh which tills it has, without joining it: a throwaway member (its
 * own key, the mesh's secret) syncs the tills' documents into memory and reads
 * the registry. `init --join` picks a free code with it. Nothing is written
 * into the mesh and nothing stays on disk.
 */
import type { Identity } from '../../crdt/identities.ts';
import { TillRegistry } from '../../crdt/identities.ts';
import { SETTINGS_DOC } from '../../crdt/documents.ts';
import type { Logger } from '../log.ts';
import { ed25519 } from '../signatures.ts';
import type { MeshSecret } from './mesh-secret.ts';
import { startMeshMember } from './mesh-member.ts';

export const PROBE_TIMEOUT_MS = 10_000;
/** After the first answer, how long other tills get to answer too. */
const SETTLE_MS = 800;

export interface ProbeOptions {
  secret: MeshSecret;
  /** Static peers (multiaddrs) to ask. */
  peers: readonly string[];
  /** Look for tills by mDNS too (optionally on one interface). */
  mdns: false | { interface?: string };
  /** Where the probe's own node listens (a host of this machine; any free port). */
  host: string;
  log: Logger;
  timeoutMs?: number;
}

export interface ProbeResult {
  /** The tills that answered (peer ids). */
  answered: string[];
  /** Every registered till they know of, verified by its signature. */
  identities: Identity[];
}

export async function probeMesh(o: ProbeOptions): Promise<ProbeResult> {
  const member = await startMeshMember({ ...o, name: 'INIT' });
  const registry = new TillRegistry(member.docs.open(SETTINGS_DOC), ed25519, (invalid) =>
    o.log.warn('invalid registry entry ignored', { ...invalid }),
  );
  try {
    const deadline = Date.now() + (o.timeoutMs ?? PROBE_TIMEOUT_MS);
    let answeredAt: number | undefined;
    while (Date.now() < deadline) {
      member.dial();
      if (member.answered().length > 0) answeredAt ??= Date.now();
      if (answeredAt !== undefined && Date.now() - answeredAt >= SETTLE_MS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return { answered: member.answered(), identities: registry.all() };
  } finally {
    registry.destroy();
    await member.stop();
  }
}
