/**
 * Slows down PIN guessing: after FREE_ATTEMPTS wrong PINs for one key (a staff
 * member, or a client address), each further attempt must wait twice as long
 * as the last, up to MAX_LOCK_MS. A correct PIN clears the key.
 */
export const FREE_ATTEMPTS = 3;
export const FIRST_LOCK_MS = 1_000;
export const MAX_LOCK_MS = 5 * 60_000;

interface Entry {
  failures: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds the caller must still wait for any of the keys (0: go ahead). */
  waitMs(keys: readonly string[]): number {
    const now = this.now();
    return Math.max(0, ...keys.map((key) => (this.entries.get(key)?.lockedUntil ?? 0) - now));
  }

  failed(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      const entry = this.entries.get(key) ?? { failures: 0, lockedUntil: 0 };
      entry.failures += 1;
      const over = entry.failures - FREE_ATTEMPTS;
      if (over >= 0) entry.lockedUntil = now + Math.min(FIRST_LOCK_MS * 2 ** over, MAX_LOCK_MS);
      this.entries.set(key, entry);
    }
  }

  succeeded(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}
