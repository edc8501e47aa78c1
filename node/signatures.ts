/**
 * Ed25519 signatures of records with node:crypto: the till's libp2p identity
 * key signs, and any peer id (which is an Ed25519 public key) verifies.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { peerIdFromString } from '@libp2p/peer-id';
import type { RecordSigner, SignatureCheck } from '../crdt/signing.ts';
import type { TillIdentity } from './identity.ts';

// DER headers around a raw Ed25519 key (RFC 8410): the 32-byte seed, the 32-byte public key
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
/** Public keys of the peers seen, made once each. */
const MAX_CACHED_KEYS = 10_000;

export function tillSigner(identity: TillIdentity): RecordSigner {
  if (identity.privateKey.type !== 'Ed25519') throw new Error('a till signs with an Ed25519 key');
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519, identity.privateKey.raw.subarray(0, 32)]),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    peerId: identity.peerId,
    sign: (message) => sign(null, message, key).toString('base64url'),
  };
}

const keys = new Map<string, KeyObject | null>();

function publicKey(peerId: string): KeyObject | null {
  let key = keys.get(peerId);
  if (key !== undefined) return key;
  try {
    const raw = peerIdFromString(peerId).publicKey;
    key =
      raw?.type === 'Ed25519'
        ? createPublicKey({
            key: Buffer.concat([SPKI_ED25519, raw.raw]),
            format: 'der',
            type: 'spki',
          })
        : null;
  } catch {
    key = null; // not a peer id at all
  }
  if (keys.size >= MAX_CACHED_KEYS) keys.clear();
  keys.set(peerId, key);
  return key;
}

export const ed25519: SignatureCheck = {
  verify(peerId, message, sig) {
    const key = publicKey(peerId);
    if (!key) return false;
    try {
      return verify(null, message, key, Buffer.from(sig, 'base64url'));
    } catch {
      return false;
    }
  },
};
