import { join } from 'node:path';
import { openDatabase } from '../../../node/storage/database.ts';
import { MemoryUpdateStore } from '../../../node/storage/memory-update-store.ts';
import { SqliteUpdateStore } from '../../../node/storage/sqlite-update-store.ts';
import type { UpdateStore } from '../../../node/storage/update-store.ts';
import { tempDir } from '../../helpers/till.ts';
import { runUpdateStoreContract } from './update-store-contract.ts';

runUpdateStoreContract('in memory', () => ({ store: new MemoryUpdateStore(), cleanup: () => {} }));

runUpdateStoreContract('SQLite', () => {
  const dir = tempDir();
  const file = join(dir.path, 'test.db');
  const opened: UpdateStore[] = [new SqliteUpdateStore(openDatabase(file))];
  return {
    store: opened[0]!,
    reopen: () => {
      opened[0]!.close();
      const store = new SqliteUpdateStore(openDatabase(file));
      opened.push(store);
      return store;
    },
    cleanup: () => {
      for (const s of opened) s.close();
      dir.remove();
    },
  };
});
