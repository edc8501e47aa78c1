import { generateKeyPair } from '@libp2p/crypto/keys';
import { Libp2pChannel } from '../../../node/mesh/libp2p-channel.ts';
import { createMeshNode } from '../../../node/mesh/libp2p-node.ts';
import { memoryChannelPair } from '../../../node/mesh/memory-channel.ts';
import { meshSecretFromJoinCode, newJoinCode } from '../../../node/mesh/mesh-secret.ts';
import { SYNC_PROTOCOL } from '../../../node/mesh/wire.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { runPeerChannelContract } from './peer-channel-contract.ts';

runPeerChannelContract('in memory', () => {
  const { a, b } = memoryChannelPair('peer-a', 'peer-b');
  return Promise.resolve({ a, b, cleanup: () => Promise.resolve() });
});

runPeerChannelContract('libp2p stream on loopback', async () => {
  const { psk } = meshSecretFromJoinCode(newJoinCode());
  const node = async () =>
    createMeshNode({
      psk,
      listen: ['/ip4/127.0.0.1/tcp/0'],
      privateKey: await generateKeyPair('Ed25519'),
    });
  const [nodeA, nodeB] = await Promise.all([node(), node()]);
  await Promise.all([nodeA.start(), nodeB.start()]);
  // B's end is made inside the handler, as the mesh does, so no byte arrives unheard
  let b: Libp2pChannel | undefined;
  let greeted = false;
  await nodeB.handle(SYNC_PROTOCOL, (stream) => {
    b = new Libp2pChannel(stream, nodeA.peerId.toString(), nodeA.peerId.toString());
    b.onFrame(() => (greeted = true));
  });
  const outbound = await nodeA.dialProtocol(nodeB.getMultiaddrs()[0]!, SYNC_PROTOCOL);
  const a = new Libp2pChannel(outbound, nodeB.peerId.toString(), nodeA.peerId.toString());
  // the stream reaches B's handler with its first bytes: a greeting the contract never sees
  a.send(new Uint8Array([0]));
  await waitFor(() => greeted, { what: 'inbound stream' });
  return { a, b: b!, cleanup: async () => void (await Promise.all([nodeA.stop(), nodeB.stop()])) };
});
