/**
 * Slows down PIN guessing: after `freeAttempts` wrong PINs for one key, each
 * further attempt must wait twice as long as the last, up to MAX_LOCK_MS. A
 * correct PIN clears the key.
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

  constructor(
    private readonly now: () => number = Date.now,
    private readonly freeAttempts = FREE_ATTEMPTS,
  ) {}

  /** Milliseconds the caller must still wait (0: go ahead). */
  waitMs(key: string): number {
    return Math.max(0, (this.entries.get(key)?.lockedUntil ?? 0) - this.now());
  }

  failed(key: string): void {
    const entry = this.entries.get(key) ?? { failures: 0, lockedUntil: 0 };
    entry.failures += 1;
    const over = entry.failures - this.freeAttempts;
    if (over >= 0)
      entry.lockedUntil = this.now() + Math.min(FIRST_LOCK_MS * 2 ** over, MAX_LOCK_MS);
    this.entries.set(key, entry);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }
}
