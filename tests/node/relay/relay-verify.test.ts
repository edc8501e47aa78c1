/**
 * `posmesh verify` on a relay's config checks the relay's archive as it would
 * a till's journal: a till's sales, archived, verify whole; an order whose
 * stored JSON was edited in the database is named as edited, a deleted one
 * as missing from the chain. The relay keeps running meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { CLI } from '../../helpers/daemon.ts';
import type { RelayShop } from '../../helpers/relay-shop.ts';
import { startRelayShop } from '../../helpers/relay-shop.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const products = demoProducts();
let shop: RelayShop;
let archive: Database.Database;

beforeAll(async () => {
  shop = await startRelayShop({ codes: ['V'], float: 0 });
  // the archive as someone with the file and an SQL prompt sees it, beside the running relay
  archive = new Database(join(shop.relayDir, 'archive.db'));
  archive.pragma('busy_timeout = 5000');
}, 90_000);

afterAll(async () => {
  archive?.close();
  await shop?.stop();
});

function verify(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, 'verify', ...args, '--config', shop.relayConfig], {
    encoding: 'utf8',
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

const recordOf = (number: string) =>
  (archive.prepare('SELECT record FROM orders WHERE number = ?').get(number) as { record: string })
    .record;
const setRecord = (number: string, record: string) =>
  archive.prepare('UPDATE orders SET record = ? WHERE number = ?').run(record, number);

describe('verify on the relay’s archive', () => {
  it('passes on what the till sold, then names an edited order and a deleted one', async () => {
    const { api } = shop.tills.V!;
    const numbers: string[] = [];
    for (const [i, qty] of [1, 2, 3].entries()) {
      const cart = await api.call('POST', '/api/carts');
      const product = products[i]!;
      await api.call('POST', `/api/carts/${cart.id}/lines`, { barcode: product.barcodes[0], qty });
      const paid = await api.call('POST', `/api/carts/${cart.id}/pay`, {
        payments: [{ method: 'card', amount: product.price * qty }],
      });
      numbers.push(paid.number);
    }
    const total = [1, 2, 3].reduce((sum, qty, i) => sum + products[i]!.price * qty, 0);
    const archived = () =>
      (archive.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    await waitFor(() => archived() === 3, { what: 'the three sales archived', timeoutMs: 20_000 });

    const intact = verify();
    expect(intact.err).toBe('');
    expect(intact.status).toBe(0);
    expect(intact.out).toMatch(
      new RegExp(
        `^till V \\(key …\\S{8}\\): 3 signed, records #1–#3, running total ${total}: intact\\nthe books are intact\\n$`,
      ),
    );
    const json = JSON.parse(verify('--json').out) as { ok: boolean; tills: unknown[] };
    expect(json).toMatchObject({ ok: true, tills: [{ codes: ['V'], records: 3, lastSeq: 3 }] });

    // an amount changed in the stored JSON: its signature no longer matches
    const [, middle] = numbers as [string, string, string];
    const signed = recordOf(middle);
    const order = JSON.parse(signed) as { totals: { total: number } };
    order.totals.total -= 100;
    setRecord(middle, JSON.stringify(order));
    const edited = verify();
    expect(edited.status).toBe(1);
    expect(edited.out).toContain(`edited: ${middle}: its signature does not match its content`);
    expect(edited.out).toContain('the books are NOT intact');

    // put back as signed, the books are whole again; deleted, a gap in the chain
    setRecord(middle, signed);
    expect(verify().status).toBe(0);
    archive.prepare('DELETE FROM orders WHERE number = ?').run(middle);
    const deleted = verify();
    expect(deleted.status).toBe(1);
    expect(deleted.out).toMatch(
      /2 signed, records #1–#3, .*: 1 problem\(s\)\n {2}missing at #2: 1 record\(s\) of the chain are not here/,
    );
  });
});
