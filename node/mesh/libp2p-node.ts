/**
 * The libp2p node every till (and any tool that must speak to tills, such as a
 * benchmark or a fuzzer) uses: TCP, Noise, Yamux, and a private network keyed by
 * the mesh secret, so a device without the secret cannot complete a handshake.
 */
import './promise-polyfill.ts';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import type { Libp2p, PrivateKey } from '@libp2p/interface';
import { ping } from '@libp2p/ping';
import { preSharedKey } from '@libp2p/pnet';
import { tcp } from '@libp2p/tcp';
import { createLibp2p } from 'libp2p';
import type { Libp2pOptions } from 'libp2p';

export const DIAL_TIMEOUT_MS = 5_000;
export const ADDRESS_DIAL_TIMEOUT_MS = 2_000;
export const PING_INTERVAL_MS = 2_000;
export const HEARTBEAT_STREAMS = 8;

export interface MeshNodeInit {
  psk: Uint8Array;
  listen: string[];
  privateKey?: PrivateKey;
  peerDiscovery?: Libp2pOptions['peerDiscovery'];
}

export function createMeshNode(init: MeshNodeInit): Promise<Libp2p> {
  return createLibp2p({
    ...(init.privateKey ? { privateKey: init.privateKey } : {}),
    addresses: { listen: init.listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionProtector: preSharedKey({ psk: init.psk }),
    peerDiscovery: init.peerDiscovery ?? [],
    services: {
      identify: identify(),
      // the connection monitor opens a ping stream every interval without waiting for the
      // last; with the default limit of one, a busy till aborts the whole connection
      ping: ping({ maxInboundStreams: HEARTBEAT_STREAMS, maxOutboundStreams: HEARTBEAT_STREAMS }),
    },
    connectionManager: {
      dialTimeout: DIAL_TIMEOUT_MS,
      addressDialTimeout: ADDRESS_DIAL_TIMEOUT_MS,
      // many tills on one host (tests, a shop's back office) connect at once
      inboundConnectionThreshold: 100,
      maxIncomingPendingConnections: 100,
    },
    // a cut link is noticed in seconds, not the default ~11 s
    connectionMonitor: { pingInterval: PING_INTERVAL_MS },
  });
}
