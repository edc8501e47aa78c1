/** The PeerChannel contract: every implementation (in-memory, libp2p) runs these tests. */
import { describe, expect, it } from 'vitest';
import type { PeerChannel } from '../../../node/mesh/peer-channel.ts';
import { waitFor } from '../../helpers/wait-for.ts';

export interface ChannelPair {
  a: PeerChannel;
  b: PeerChannel;
  cleanup(): Promise<void>;
}

export function runPeerChannelContract(name: string, pair: () => Promise<ChannelPair>): void {
  describe(`PeerChannel contract: ${name}`, () => {
    it('delivers frames whole and in order, both ways, big ones too', async () => {
      const p = await pair();
      try {
        const atB: Uint8Array[] = [];
        const atA: Uint8Array[] = [];
        p.b.onFrame((f) => atB.push(f.slice()));
        p.a.onFrame((f) => atA.push(f.slice()));
        const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
        const frames = [new Uint8Array([1]), big, new Uint8Array([2, 3, 4])];
        for (const f of frames) p.a.send(f);
        p.b.send(new Uint8Array([9, 9]));
        await waitFor(() => atB.length === 3 && atA.length === 1, { what: 'frames' });
        expect(atB.map((f) => f.length)).toEqual([1, big.length, 3]);
        expect(Buffer.compare(Buffer.from(atB[1]!), Buffer.from(big))).toBe(0);
        expect([...atB[2]!]).toEqual([2, 3, 4]);
        expect([...atA[0]!]).toEqual([9, 9]);
        expect(p.a.openedBy).toBe(p.b.openedBy);
      } finally {
        await p.cleanup();
      }
    });

    it('tells both ends once when one closes, and refuses to send afterwards', async () => {
      const p = await pair();
      try {
        const closedA: string[] = [];
        const closedB: string[] = [];
        p.a.onClose((r) => closedA.push(r));
        p.b.onClose((r) => closedB.push(r));
        p.a.close('test over');
        await waitFor(() => closedA.length === 1 && closedB.length === 1, {
          what: 'close on both ends',
        });
        expect(closedA).toEqual(['test over']);
        expect(p.a.send(new Uint8Array([1]))).toBe(false);
        await new Promise((r) => setTimeout(r, 50));
        expect(closedA.length + closedB.length).toBe(2);
      } finally {
        await p.cleanup();
      }
    });
  });
}
