/**
 * A till's code checked against the mesh it joins: `init --join` without
 * `--code` takes the first free one, and a code another till already holds is
 * refused before anything is written. What was asked and what was found is
 * said in notes, so a code is never taken silently.
 */
import { nextFreeCode } from '../../../crdt/identities.ts';
import type { TillCode } from '../../../crdt/ids.ts';
import type { MeshConfig } from '../../config/schema.ts';
import type { Logger } from '../../log.ts';
import type { MeshSecret } from '../../mesh/mesh-secret.ts';
import { PROBE_TIMEOUT_MS, probeMesh } from '../../mesh/mesh-probe.ts';
import { CliError } from '../till-client.ts';

export interface CodeCheck {
  /** The code given (`--code`, or the config's), if any. */
  given: TillCode | undefined;
  secret: MeshSecret;
  mesh: Pick<MeshConfig, 'peers' | 'mdns'>;
  /** A host of this machine the probe may listen on. */
  host: string;
  /** This till's peer id: codes it registered itself are its own. */
  self: string;
  /** What to do with the code that was found taken (for the message). */
  howToChange: string;
  log: Logger;
  progress: (line: string) => void;
  timeoutMs?: number;
}

export async function checkMeshCode(c: CodeCheck): Promise<{ code: TillCode; notes: string[] }> {
  const mdns = c.mesh.mdns === false ? false : c.mesh.mdns === true ? {} : c.mesh.mdns;
  const asked = [...c.mesh.peers, ...(mdns ? ['mDNS'] : [])].join(', ');
  if (!asked) {
    if (!c.given)
      throw new CliError(
        'no till of the mesh to ask for a free code (no --peer and mDNS off): give --peer with the mesh address of a running till, or choose a code with --code',
      );
    return {
      code: c.given,
      notes: [`no till to ask whether ${c.given} is free (no peers, mDNS off): not checked`],
    };
  }
  const seconds = (c.timeoutMs ?? PROBE_TIMEOUT_MS) / 1000;
  c.progress(
    `asking mesh ${c.secret.meshId} for the till codes in use (${asked}, up to ${seconds} s)…`,
  );
  const found = await probeMesh({
    secret: c.secret,
    peers: c.mesh.peers,
    mdns,
    host: c.host,
    log: c.log,
    timeoutMs: c.timeoutMs,
  });
  if (found.answered.length === 0) {
    if (!c.given)
      throw new CliError(
        `no till of mesh ${c.secret.meshId} answered within ${seconds} s (asked ${asked}): start one and try again, or choose a code with --code`,
      );
    return {
      code: c.given,
      notes: [
        `no till of mesh ${c.secret.meshId} answered within ${seconds} s: could not check that ${c.given} is free (if another till holds it, the later one refuses to sell)`,
      ],
    };
  }
  const others = found.identities.filter((i) => i.peerId !== c.self);
  const free = nextFreeCode(found.identities, c.self);
  const inUse = others.map((i) => i.code).join(', ') || 'none';
  const holder = c.given && others.find((i) => i.code === c.given);
  if (holder)
    throw new CliError(
      `till code ${c.given} is taken in mesh ${c.secret.meshId} by "${holder.name}" (peer ${holder.peerId}): ${c.howToChange} ${free} is free`,
    );
  const tills = `${found.answered.length} till${found.answered.length === 1 ? '' : 's'} answered; codes in use: ${inUse}`;
  return c.given
    ? { code: c.given, notes: [`${c.given} is free in the mesh (${tills})`] }
    : { code: free, notes: [`took code ${free}, the first free one in the mesh (${tills})`] };
}
