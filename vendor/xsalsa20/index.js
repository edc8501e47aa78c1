// xsalsa20@1.2.0's API (XSalsa20(nonce, key).update(input, output?)) as a
// streaming XOR over @noble/ciphers. Keeps the byte position so chunks of any
// size continue the same keystream, as the original does.
import { xsalsa20 } from '@noble/ciphers/salsa.js';

const BLOCK = 64;
// noble exposes the low 32 bits of the block counter
const MAX_POSITION = 2 ** 32 * BLOCK;

class XSalsa20Stream {
  constructor(nonce, key) {
    if (!nonce || nonce.length < 24) throw new Error('nonce must be at least 24 bytes');
    if (!key || key.length < 32) throw new Error('key must be at least 32 bytes');
    this.nonce = Uint8Array.from(nonce.subarray(0, 24));
    this.key = Uint8Array.from(key.subarray(0, 32));
    this.position = 0;
  }

  update(input, output) {
    if (!input) throw new Error('input must be Uint8Array or Buffer');
    const out = output ?? new Uint8Array(input.length);
    if (input.length === 0) return out;
    if (this.position + input.length > MAX_POSITION)
      throw new Error('xsalsa20 stream exhausted: reconnect');
    const offset = this.position % BLOCK;
    const padded = new Uint8Array(offset + input.length);
    padded.set(input, offset);
    const xored = xsalsa20(
      this.key,
      this.nonce,
      padded,
      undefined,
      Math.floor(this.position / BLOCK),
    );
    out.set(xored.subarray(offset));
    this.position += input.length;
    return out;
  }

  finalize() {
    this.key.fill(0);
  }
}

export default function XSalsa20(nonce, key) {
  return new XSalsa20Stream(nonce, key);
}
XSalsa20.NONCEBYTES = 24;
XSalsa20.KEYBYTES = 32;
