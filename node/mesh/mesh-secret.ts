/**
 * The mesh secret: a 256-bit pre-shared key for libp2p's private network, so a
 * device without it cannot complete a handshake. It lives in its own file (mode
 * 0600) in libp2p's PSK format; the "join code" a manager copies to another till
 * is its 64 hex digits. The mesh id announced over mDNS is a hash of the key,
 * never the key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const HEADER = '/key/swarm/psk/1.0.0/\n/base16/\n';
const JOIN_CODE = /^[0-9a-f]{64}$/;

export class MeshSecretError extends Error {
  override readonly name = 'MeshSecretError';
}

export interface MeshSecret {
  /** libp2p's PSK file content, for @libp2p/pnet. */
  psk: Uint8Array;
  joinCode: string;
  /** Public: announced in mDNS TXT records to tell meshes apart. */
  meshId: string;
}

export function meshSecretFromJoinCode(code: string): MeshSecret {
  const joinCode = code.trim().toLowerCase();
  if (!JOIN_CODE.test(joinCode))
    throw new MeshSecretError(
      'a join code is 64 hexadecimal digits (see `posmesh secret` on a till of the mesh)',
    );
  const meshId = createHash('sha256')
    .update('posmesh mesh id\0')
    .update(Buffer.from(joinCode, 'hex'))
    .digest('hex')
    .slice(0, 16);
  return { psk: new TextEncoder().encode(`${HEADER}${joinCode}`), joinCode, meshId };
}

export function newJoinCode(): string {
  return randomBytes(32).toString('hex');
}

export function readMeshSecret(file: string): MeshSecret {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MeshSecretError(
      `${file}: cannot read the mesh secret (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  if (!text.startsWith(HEADER))
    throw new MeshSecretError(`${file}: not a posmesh mesh secret (expected a libp2p PSK file)`);
  try {
    return meshSecretFromJoinCode(text.slice(HEADER.length));
  } catch (error) {
    throw new MeshSecretError(`${file}: ${(error as Error).message}`);
  }
}

export function writeMeshSecret(file: string, joinCode: string): MeshSecret {
  const secret = meshSecretFromJoinCode(joinCode);
  writeFileSync(file, `${HEADER}${secret.joinCode}`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * The till's secret, made (a new mesh of its own) when there is none yet. Made
 * with an exclusive create of the whole file, so two tills starting at once on
 * one file agree, and neither reads it half-written.
 */
export function loadOrCreateMeshSecret(file: string): { secret: MeshSecret; created: boolean } {
  if (existsSync(file)) return { secret: readMeshSecret(file), created: false };
  const secret = meshSecretFromJoinCode(newJoinCode());
  // written whole beside it, then linked in: the name never shows a half-written file to a
  // till starting at the same moment, and a link fails if another till's secret got there first
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(draft, `${HEADER}${secret.joinCode}`, { mode: 0o600, flag: 'wx' });
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { secret: readMeshSecret(file), created: false };
    throw new MeshSecretError(
      `${file}: cannot write the mesh secret (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  } finally {
    rmSync(draft, { force: true });
  }
  return { secret, created: true };
}
