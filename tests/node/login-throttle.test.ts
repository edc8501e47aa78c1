import { describe, expect, it } from 'vitest';
import {
  FIRST_LOCK_MS,
  FREE_ATTEMPTS,
  LoginThrottle,
  MAX_LOCK_MS,
} from '../../node/auth/login-throttle.ts';
import { hashPin, verifyPin } from '../../node/auth/pin-hash.ts';

describe('login throttle', () => {
  it('lets a few mistakes through, then doubles the wait, capped, and forgets on success', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    const keys = 'staff:a';
    for (let i = 1; i < FREE_ATTEMPTS; i++) throttle.failed(keys);
    expect(throttle.waitMs(keys)).toBe(0);
    throttle.failed(keys);
    expect(throttle.waitMs(keys)).toBe(FIRST_LOCK_MS);
    throttle.failed(keys);
    expect(throttle.waitMs(keys)).toBe(2 * FIRST_LOCK_MS);
    for (let i = 0; i < 30; i++) throttle.failed(keys);
    expect(throttle.waitMs(keys)).toBe(MAX_LOCK_MS);
    now += MAX_LOCK_MS;
    expect(throttle.waitMs(keys)).toBe(0);
    throttle.succeeded(keys);
    throttle.failed(keys);
    expect(throttle.waitMs(keys)).toBe(0);
    expect(throttle.waitMs('client:other')).toBe(0);
  });
});

describe('PIN hashes', () => {
  it('are salted and verify only the right PIN', () => {
    const a = hashPin('1234');
    expect(a).not.toBe(hashPin('1234'));
    expect(a).not.toContain('1234$');
    expect(verifyPin('1234', a)).toBe(true);
    expect(verifyPin('1235', a)).toBe(false);
    expect(verifyPin('1234', 'garbage')).toBe(false);
    expect(() => hashPin('12a4')).toThrow(/4 to 8 digits/);
  });
});
