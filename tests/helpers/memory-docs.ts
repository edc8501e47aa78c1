/** A DocHost in memory holding the catalogue document: for sync-engine tests without a till. */
import { CATALOGUE_DOC } from '../../crdt/documents.ts';
import { DocHost } from '../../node/docs/doc-host.ts';
import type { Logger } from '../../node/log.ts';
import { MemoryUpdateStore } from '../../node/storage/memory-update-store.ts';

export function memoryDocs(log: Logger): DocHost {
  const docs = new DocHost({
    store: new MemoryUpdateStore(),
    log,
    onFatal: (error) => {
      throw error;
    },
  });
  docs.open(CATALOGUE_DOC);
  return docs;
}
