/** Keys and trust for domain tests: real Ed25519 keys, a registry that is a plain map. */
import { generateKeyPairSync } from 'node:crypto';
import { privateKeyFromRaw } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import type { TillCode } from '../../crdt/ids.ts';
import type { RecordSigner, Trust } from '../../crdt/signing.ts';
import { ed25519, tillSigner } from '../../node/signatures.ts';

/** A till's signing key, made the way a till makes its identity. */
export function testSigner(): RecordSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const key = privateKeyFromRaw(Buffer.concat([seed, pub]));
  return tillSigner({ privateKey: key, peerId: peerIdFromPrivateKey(key).toString() });
}

/** A mesh where each code is owned by the given till; `others` are registered with a code they do not own. */
export function testTrust(
  owners: Partial<Record<string, RecordSigner>>,
  others: Array<{ code: string; signer: RecordSigner }> = [],
): Trust {
  const codes = new Map<string, TillCode>([
    ...others.map((o) => [o.signer.peerId, o.code as TillCode] as const),
    ...Object.entries(owners).map(([code, s]) => [s!.peerId, code as TillCode] as const),
  ]);
  return {
    verify: (peerId, message, sig) => ed25519.verify(peerId, message, sig),
    ownerOf: (code: TillCode) => owners[code]?.peerId,
    codeOf: (peerId) => codes.get(peerId),
  };
}
