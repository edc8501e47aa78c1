/**
 * A relaxed commit on SQLite: the connection is back to synchronous=FULL
 * after it (a throw included), so the payment after it waits for the disk;
 * and what it wrote survives the process being killed right after it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../node/storage/database.ts';
import { SqliteUpdateStore } from '../../../node/storage/sqlite-update-store.ts';
import { ROOT } from '../../helpers/daemon.ts';
import { tempDir } from '../../helpers/till.ts';

const FULL = 2;

describe('relaxed commits on SQLite', () => {
  it('leave the connection on synchronous=FULL, after a throw too', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'test.db'));
    const store = new SqliteUpdateStore(db);
    const synchronous = () => db.pragma('synchronous', { simple: true });
    let inside: unknown;
    store.transaction(
      () => {
        inside = synchronous();
        store.append('cart', new Uint8Array([1]));
      },
      { relaxed: true },
    );
    expect(inside).toBe(1); // NORMAL while the relaxed commit runs
    expect(synchronous()).toBe(FULL);
    expect(() =>
      store.transaction(
        () => {
          throw new Error('no');
        },
        { relaxed: true },
      ),
    ).toThrow('no');
    expect(synchronous()).toBe(FULL);
    store.close();
    dir.remove();
  });

  it('keeps what it wrote when the process is killed right after', () => {
    const dir = tempDir();
    const file = join(dir.path, 'test.db');
    const script = `
      import { openDatabase } from './node/storage/database.ts';
      import { SqliteUpdateStore } from './node/storage/sqlite-update-store.ts';
      const store = new SqliteUpdateStore(openDatabase(${JSON.stringify(file)}));
      store.transaction(() => store.append('cart', new Uint8Array([7, 7])), { relaxed: true });
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(child.signal).toBe('SIGKILL');
    const store = new SqliteUpdateStore(openDatabase(file));
    expect(store.load('cart').updates.map((u) => [...u])).toEqual([[7, 7]]);
    store.close();
    dir.remove();
  });
});
