/**
 * The loop from sale to archive and back: a till that trusts its relay (by
 * peer id in its config) drops a closed day from its journal once the relay
 * archived the whole day and left its signed receipt, and `posmesh verify`
 * still finds the till's books intact afterwards, the chain resuming where
 * the dropped day ended. The relay, its archive holding the day, keeps the
 * day on disk and out of its memory.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { openDatabase } from '../../../node/storage/database.ts';
import { DATABASE_FILE } from '../../../node/till/till.ts';
import { RELAY_DB_FILE } from '../../../node/relay/relay-files.ts';
import type { ApiClient } from '../../helpers/daemon.ts';
import { CLI } from '../../helpers/daemon.ts';
import type { RelayShop } from '../../helpers/relay-shop.ts';
import { startRelayShop } from '../../helpers/relay-shop.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const product = demoProducts()[1]!;
let shop: RelayShop;

beforeAll(async () => {
  shop = await startRelayShop({
    codes: ['A'],
    float: 0,
    trustRelay: true,
    tillConfig: { journal: { keepArchivedDays: 0, keepUnarchivedDays: 3650 } },
  });
}, 90_000);

afterAll(async () => {
  await shop?.stop();
});

async function sell(api: ApiClient) {
  const cart = await api.call('POST', '/api/carts');
  await api.call('POST', `/api/carts/${cart.id}/lines`, { barcode: product.barcodes[0], qty: 1 });
  return api.call('POST', `/api/carts/${cart.id}/pay`, {
    payments: [{ method: 'card', amount: product.price }],
  });
}

const tillDir = () => join(shop.relayDir, '..', 'A');
function journalOrders(): number {
  const db = openDatabase(join(tillDir(), 'data', DATABASE_FILE));
  try {
    return (db.prepare(`SELECT count(*) AS n FROM journal_orders`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const verify = () =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [CLI, 'verify', '--json', '--config', join(tillDir(), 'mesh.config.json')],
      {
        encoding: 'utf8',
      },
    ),
  ) as { ok: boolean; tills: Array<{ records: number; firstSeq: number | null }> };

describe('journal retention with a relay', () => {
  it('drops an archived day from the till and verify still passes', async () => {
    const { api } = shop.tills.A!;
    for (let i = 0; i < 3; i++) await sell(api);
    const x = await api.call('GET', '/api/reports/x');
    await api.call('POST', '/api/day/close', { counted: x.expected, carryOver: true });
    expect(journalOrders()).toBe(3);
    await waitFor(() => journalOrders() === 0, {
      what: 'the archived day dropped from the journal',
      timeoutMs: 20_000,
    });

    // the relay keeps the archived day on disk, out of its memory
    const relayDb = openDatabase(join(shop.relayDir, RELAY_DB_FILE));
    const states = relayDb.prepare(`SELECT state FROM docs WHERE name LIKE 'orders/A/%'`).all();
    relayDb.close();
    expect(states).toEqual([{ state: 'closed' }]);

    await api.call('POST', '/api/day/open', { float: 0 });
    await sell(api);
    const books = verify();
    expect(books.ok).toBe(true);
    expect(books.tills[0]).toMatchObject({ records: 1, firstSeq: 4 });
  });
});
