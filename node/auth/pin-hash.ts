/**
 * Staff PINs are stored as salted scrypt hashes: "scrypt$N$r$p$salt$hash"
 * (base64). A PIN is 4 to 8 digits; the throttle makes guessing slow.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export const PIN_PATTERN = /^\d{4,8}$/;

export class InvalidPinFormatError extends Error {
  override readonly name = 'InvalidPinFormatError';
  constructor() {
    super('a PIN is 4 to 8 digits');
  }
}

/**
 * `salt` is for the demo staff only: every demo till seeds the same record, so
 * two demo tills that meet agree on it (their PINs are public anyway).
 */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  if (!PIN_PATTERN.test(pin)) throw new InvalidPinFormatError();
  const hash = scryptSync(pin, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || !PIN_PATTERN.test(pin)) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
