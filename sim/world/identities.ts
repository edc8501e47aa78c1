/** Each till's Ed25519 identity made from the run's seed, so peer ids (and who dials whom) replay. */
import { generateKeyPairFromSeed, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { Random } from '../env/random.ts';

const ED25519_SEED_BYTES = 32;

export async function seededIdentity(
  seed: number,
  index: number,
): Promise<{ identityKey: Uint8Array; peerId: string }> {
  const bytes = Random.derive(seed, 'identity', index).fill(new Uint8Array(ED25519_SEED_BYTES));
  const key = await generateKeyPairFromSeed('Ed25519', bytes);
  return { identityKey: privateKeyToProtobuf(key), peerId: peerIdFromPrivateKey(key).toString() };
}
