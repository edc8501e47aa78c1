import { join } from 'node:path';
import { MemoryPrintQueueStore } from '../../devices/printer/memory-print-queue-store.ts';
import { openDatabase } from '../../node/storage/database.ts';
import type { Db } from '../../node/storage/database.ts';
import { SqlitePrintQueueStore } from '../../node/storage/sqlite-print-queue-store.ts';
import { tempDir } from '../helpers/till.ts';
import { runPrintQueueStoreContract } from './print-queue-store-contract.ts';

runPrintQueueStoreContract('in memory', () => ({
  store: new MemoryPrintQueueStore(),
  cleanup: () => {},
}));

runPrintQueueStoreContract(
  'SQLite',
  () => {
    const dir = tempDir();
    const file = join(dir.path, 'test.db');
    const dbs: Db[] = [openDatabase(file)];
    return {
      store: new SqlitePrintQueueStore(dbs[0]!),
      reopen: () => {
        dbs[0]!.close();
        dbs.push(openDatabase(file));
        return new SqlitePrintQueueStore(dbs.at(-1)!);
      },
      cleanup: () => {
        for (const db of dbs) if (db.open) db.close();
        dir.remove();
      },
    };
  },
  { durable: true },
);
