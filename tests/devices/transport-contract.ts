/**
 * What every transport promises the drivers, as tests: each implementation runs the same
 * ones against its own fake device.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceOfflineError } from '../../devices/errors.ts';
import type { Link, Transport } from '../../devices/transports/transport.ts';
import { waitFor } from '../helpers/wait-for.ts';

export interface FakeDevice {
  /** Plugs the device in (or back in). */
  start(): Promise<void>;
  /** Pulls the plug: the device vanishes while links may be open. */
  stop(): Promise<void>;
  /** All bytes the far end got since the last start(). */
  received(): Uint8Array;
  /** Two-way devices: bytes the device sends to the driver. */
  send?(bytes: Uint8Array): Promise<void>;
}

export interface TransportHarness {
  transport: Transport;
  /** Not started yet when setup() returns. */
  device: FakeDevice;
  /**
   * How a link notices the device vanished: 'onClose' fires with an error by itself;
   * 'write' only the next write finds out (rejects), and then onClose fires with the error.
   */
  vanishes: 'onClose' | 'write';
  cleanup(): Promise<void>;
}

const ALL_BYTE_VALUES = Uint8Array.from({ length: 256 }, (_, i) => i);
const BIG = 64 * 1024;

function pseudoRandom(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

export function runTransportContract(
  name: string,
  setup: () => TransportHarness | Promise<TransportHarness>,
  { twoWay }: { twoWay: boolean },
): void {
  describe(`${name} transport contract`, () => {
    let h: TransportHarness;
    const links: Link[] = [];
    const connect = async (): Promise<Link> => {
      const link = await h.transport.connect({ label: 'contract' });
      links.push(link);
      return link;
    };
    const arrived = (expected: Uint8Array, what: string): Promise<true> =>
      waitFor(() => h.device.received().length >= expected.length, { what }).then(() => {
        expect(Buffer.from(h.device.received()).equals(Buffer.from(expected))).toBe(true);
        return true as const;
      });

    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      for (const link of links.splice(0)) await link.close();
      await h.device.stop();
      await h.cleanup();
    });

    it('rejects a connect to an absent device with a DeviceOfflineError naming the address', async () => {
      const error: unknown = await h.transport.connect().then(
        () => new Error('connected to an absent device'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DeviceOfflineError);
      expect((error as Error).message).toContain(h.transport.address);
    });

    it('delivers written bytes intact and in order', async () => {
      await h.device.start();
      const link = await connect();
      expect(link.isOpen).toBe(true);
      const big = pseudoRandom(BIG);
      await link.write(ALL_BYTE_VALUES);
      await link.write(big);
      await arrived(concat(ALL_BYTE_VALUES, big), 'all bytes at the device');
    });

    it('closes safely twice and runs each onClose listener exactly once', async () => {
      await h.device.start();
      const link = await connect();
      const calls: Array<Error | undefined> = [];
      link.onClose((error) => calls.push(error));
      const unsubscribed: unknown[] = [];
      link.onClose((e) => unsubscribed.push(e))();
      await link.write(Uint8Array.of(0x1b, 0x40));
      await Promise.all([link.close(), link.close()]);
      await link.close();
      expect(link.isOpen).toBe(false);
      expect(calls).toEqual([undefined]);
      expect(unsubscribed).toEqual([]);
      await expect(link.write(Uint8Array.of(1))).rejects.toBeInstanceOf(DeviceOfflineError);
    });

    it(`says it is ${twoWay ? 'two-way' : 'one-way'}`, () => {
      expect(h.transport.twoWay).toBe(twoWay);
      expect(h.device.send !== undefined).toBe(twoWay);
    });

    if (twoWay)
      it('delivers bytes the device sends through onData', async () => {
        await h.device.start();
        const link = await connect();
        const got: Uint8Array[] = [];
        link.onData((bytes) => got.push(bytes));
        // A barcode line, then status-style binary ending a line (line-based devices need '\n').
        const sent = concat(Buffer.from('4006381333931\n'), Uint8Array.of(0x00, 0x12, 0xff, 0x0a));
        await h.device.send!(sent.subarray(0, 14));
        await h.device.send!(sent.subarray(14));
        await waitFor(() => concat(...got).length >= sent.length, {
          what: 'bytes from the device',
        });
        expect(Buffer.from(concat(...got)).equals(Buffer.from(sent))).toBe(true);
      });

    it('reports a device that vanished while linked, and connects again once it is back', async () => {
      await h.device.start();
      const link = await connect();
      const closes: Array<Error | undefined> = [];
      link.onClose((error) => closes.push(error));
      await link.write(Uint8Array.of(1, 2, 3));
      await arrived(Uint8Array.of(1, 2, 3), 'bytes before the unplug');

      await h.device.stop();
      if (h.vanishes === 'onClose') {
        await waitFor(() => closes.length > 0, { what: 'onClose after the unplug' });
        await expect(link.write(Uint8Array.of(4))).rejects.toBeInstanceOf(DeviceOfflineError);
      } else {
        await expect(link.write(Uint8Array.of(4))).rejects.toBeInstanceOf(DeviceOfflineError);
        await waitFor(() => closes.length > 0, { what: 'onClose after the failed write' });
      }
      expect(closes).toHaveLength(1);
      expect(closes[0]).toBeInstanceOf(DeviceOfflineError);
      expect(closes[0]!.message).toContain(h.transport.address);
      expect(link.isOpen).toBe(false);
      await link.close(); // after the device vanished: still safe
      expect(closes).toHaveLength(1);

      await h.device.start();
      const again = await connect();
      await again.write(Uint8Array.of(5, 6, 7));
      await arrived(Uint8Array.of(5, 6, 7), 'bytes after the replug');
      await again.close();
    });
  });
}
