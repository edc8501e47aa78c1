/**
 * The till's libp2p identity: an Ed25519 key made once and kept in the data
 * directory (mode 0600), so the till's peer id survives restarts.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';

export const IDENTITY_FILE = 'identity.key';

export interface TillIdentity {
  privateKey: PrivateKey;
  peerId: string;
}

export async function loadOrCreateIdentity(dataDir: string): Promise<TillIdentity> {
  const file = join(dataDir, IDENTITY_FILE);
  let privateKey: PrivateKey;
  if (existsSync(file)) {
    try {
      privateKey = privateKeyFromProtobuf(readFileSync(file));
    } catch (error) {
      throw new Error(
        `${file}: not a valid till identity (${(error as Error).message}); restore it or delete it to make a new one`,
      );
    }
  } else {
    privateKey = await generateKeyPair('Ed25519');
    writeFileSync(file, privateKeyToProtobuf(privateKey), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return { privateKey, peerId: peerIdFromPrivateKey(privateKey).toString() };
}
