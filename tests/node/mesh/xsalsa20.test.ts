/**
 * The pnet stream cipher (vendor/xsalsa20, replacing xsalsa20@1.2.0 whose shared
 * WebAssembly memory grows on every large message once two streams exist).
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { xsalsa20 as reference } from '@noble/ciphers/salsa.js';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import XSalsa20 from '../../../vendor/xsalsa20/index.js';
import { ROOT } from '../../helpers/daemon.ts';
import { describe, expect, it } from 'vitest';

describe('xsalsa20 stream cipher', () => {
  it('is the one libp2p pnet loads', () => {
    const candidates = [
      'node_modules/@libp2p/pnet/node_modules/xsalsa20',
      'node_modules/xsalsa20',
    ].map((p) => join(ROOT, p));
    const installed = candidates.find((p) => existsSync(p));
    expect(installed && realpathSync(installed)).toBe(join(ROOT, 'vendor/xsalsa20'));
  });

  it('continues one keystream across chunks of any size', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 2000 }),
        fc.array(fc.nat(300), { maxLength: 20 }),
        (data, cuts) => {
          const key = randomBytes(32);
          const nonce = randomBytes(24);
          const stream = XSalsa20(nonce, key);
          const chunks: Uint8Array[] = [];
          let at = 0;
          for (const cut of [...cuts, data.length]) {
            const end = Math.min(data.length, at + cut);
            chunks.push(stream.update(data.subarray(at, end)));
            at = end;
          }
          expect(Buffer.concat(chunks)).toEqual(Buffer.from(reference(key, nonce, data)));
          // and the other end, with its own stream, reads it back
          expect(Buffer.from(XSalsa20(nonce, key).update(Buffer.concat(chunks)))).toEqual(
            Buffer.from(data),
          );
        },
      ),
    );
  });

  it('handles many streams passing large messages without running out of memory', () => {
    const key = randomBytes(32);
    const streams = Array.from({ length: 8 }, () => XSalsa20(randomBytes(24), key));
    const big = new Uint8Array(1_000_000);
    const before = process.memoryUsage().rss;
    for (let round = 0; round < 40; round++)
      for (const s of streams) s.update(round % 4 === 0 ? big : big.subarray(0, 100));
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });
});
