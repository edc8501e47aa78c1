/**
 * A shop of three tills and a relay archiving into a real PostgreSQL: sales
 * with every payment mix, refunds (one on another till than the sale's),
 * transfers, cash movements and the day closed on every till. SQL over the
 * archived rows gives back each till's Z report to the cent: sales, refunds,
 * net, takings per method, tax per rate, cash movements. `posmesh verify` on
 * the relay's config finds every till's chain in the jsonb rows, and an
 * amount edited there.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayReport } from '../../../crdt/report.ts';
import { demoProducts } from '../../../node/demo/demo-catalogue.ts';
import { CLI } from '../../helpers/daemon.ts';
import type { TestPostgres } from '../../helpers/postgres.ts';
import { startPostgres } from '../../helpers/postgres.ts';
import type { RelayShop } from '../../helpers/relay-shop.ts';
import { startRelayShop } from '../../helpers/relay-shop.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const CODES = ['P1', 'P2', 'P3'] as const;
type Code = (typeof CODES)[number];
const products = demoProducts();
let postgres: TestPostgres;
let db: pg.Client;
let shop: RelayShop;
let tills: RelayShop['tills'];
let meshId = '';

beforeAll(async () => {
  postgres = await startPostgres();
  const url = await postgres.createDatabase('relay_shop');
  db = new pg.Client({ connectionString: url });
  await db.connect();
  // one shop LAN: the tills reach each other, and the relay
  shop = await startRelayShop({
    codes: CODES,
    archive: { postgres: url },
    lan: true,
    float: 10_000,
  });
  ({ tills, meshId } = shop);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await shop?.stop();
  await postgres?.stop();
});

async function sell(code: Code, lines: Array<[number, number]>, pay: (total: number) => unknown[]) {
  const { api } = tills[code]!;
  let cart = await api.call('POST', '/api/carts');
  for (const [i, qty] of lines)
    cart = await api.call('POST', `/api/carts/${cart.id}/lines`, {
      barcode: products[i]!.barcodes[0],
      qty,
    });
  return api.call('POST', `/api/carts/${cart.id}/pay`, { payments: pay(cart.totals.total) });
}

const rows = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) =>
  (await db.query<T>(sql, params)).rows;

describe('three tills and a relay archiving to PostgreSQL', () => {
  it('archives a day of business that SQL sums back to every till’s Z report', async () => {
    const cash = (t: number) => [{ method: 'cash', amount: t + 1_000 }];
    const card = (t: number) => [{ method: 'card', amount: t }];
    const split = (t: number) => [
      { method: 'card', amount: Math.floor(t / 2) },
      { method: 'cash', amount: t - Math.floor(t / 2) },
    ];
    const sales = [
      await sell(
        'P1',
        [
          [0, 2],
          [10, 1],
        ],
        cash,
      ),
      await sell('P1', [[3, 3]], split),
      await sell(
        'P2',
        [
          [5, 1],
          [20, 2],
        ],
        card,
      ),
      await sell('P3', [[7, 4]], split),
      await sell('P3', [[12, 1]], (t) => [{ method: 'other', amount: t }]),
    ];
    // a refund of P1's sale made on P2 (P1 grants it), and one on P3 of its own
    await tills.P2!.api.call('POST', `/api/orders/${sales[0].number}/refund`, {
      lines: [{ lineId: sales[0].lines[0].id, qty: 1 }],
      payout: 'cash',
    });
    await tills.P3!.api.call('POST', `/api/orders/${sales[3].number}/refund`, {
      lines: [{ lineId: sales[3].lines[0].id, qty: 2 }],
      payout: 'card',
    });
    await tills.P2!.api.call('POST', '/api/day/cash', {
      amount: 2_500,
      reason: 'change from the bank',
    });
    await tills.P3!.api.call('POST', '/api/day/cash', {
      amount: -700,
      reason: 'milk for the coffee',
    });
    // a transfer from P1 to P3, paid there
    const cart = await tills.P1!.api.call('POST', '/api/carts');
    await tills.P1!.api.call('POST', `/api/carts/${cart.id}/lines`, {
      barcode: products[9]!.barcodes[0],
      qty: 2,
    });
    const sent = await tills.P1!.api.call('POST', `/api/carts/${cart.id}/send`, {
      mode: 'assigned',
      targets: ['P3'],
    });
    await waitFor(
      async () =>
        (await tills.P3!.api.call('GET', '/api/transfers/offered')).some(
          (t: { id: string }) => t.id === sent.id,
        ),
      { what: 'offered on P3' },
    );
    const claimed = await tills.P3!.api.call('POST', `/api/transfers/${sent.id}/claim`);
    await tills.P3!.api.call('POST', `/api/carts/${claimed.id}/pay`, {
      payments: card(claimed.totals.total),
    });

    const z = {} as Record<Code, DayReport>;
    for (const code of CODES) {
      const x = await tills[code]!.api.call('GET', '/api/reports/x');
      z[code] = (
        await tills[code]!.api.call('POST', '/api/day/close', {
          counted: x.expected,
          carryOver: true,
        })
      ).report;
    }
    await waitFor(
      async () =>
        Number(
          (
            await rows<{ n: string }>(`SELECT count(*) AS n FROM z_reports WHERE mesh_id = $1`, [
              meshId,
            ])
          )[0]!.n,
        ) === 3,
      { what: 'the three Z reports archived', timeoutMs: 30_000 },
    );
    const byTill = await rows<{
      till: string;
      sales: string;
      sales_total: string;
      refunds: string;
      refunds_total: string;
    }>(
      `SELECT till,
              count(*) FILTER (WHERE kind = 'sale') AS sales,
              coalesce(sum(total) FILTER (WHERE kind = 'sale'), 0) AS sales_total,
              count(*) FILTER (WHERE kind = 'refund') AS refunds,
              coalesce(sum(total) FILTER (WHERE kind = 'refund'), 0) AS refunds_total
         FROM orders WHERE mesh_id = $1 GROUP BY till ORDER BY till`,
      [meshId],
    );
    const takings = await rows<{ till: string; method: string; amount: string }>(
      `SELECT o.till, p.method, sum(p.amount) AS amount
         FROM order_payments p JOIN orders o ON o.mesh_id = p.mesh_id AND o.id = p.order_id
        WHERE p.mesh_id = $1 GROUP BY o.till, p.method`,
      [meshId],
    );
    const change = await rows<{ till: string; change: string }>(
      `SELECT till, sum(change_given) AS change FROM orders WHERE mesh_id = $1 GROUP BY till`,
      [meshId],
    );
    const taxes = await rows<{ till: string; rate_bp: number; tax: string }>(
      `SELECT o.till, t.rate_bp, sum(t.tax) AS tax
         FROM order_taxes t JOIN orders o ON o.mesh_id = t.mesh_id AND o.id = t.order_id
        WHERE t.mesh_id = $1 GROUP BY o.till, t.rate_bp`,
      [meshId],
    );
    const moves = await rows<{ till: string; amount: string }>(
      `SELECT till, sum(amount) AS amount FROM cash_moves WHERE mesh_id = $1 GROUP BY till`,
      [meshId],
    );
    for (const code of CODES) {
      const r = z[code];
      const t = byTill.find((x) => x.till === code)!;
      expect([
        Number(t.sales),
        Number(t.sales_total),
        Number(t.refunds),
        Number(t.refunds_total),
      ]).toEqual([r.sales.count, r.sales.total, r.refunds.count, r.refunds.total]);
      expect(Number(t.sales_total) + Number(t.refunds_total)).toBe(r.net);
      const paid = (m: string) =>
        Number(takings.find((x) => x.till === code && x.method === m)?.amount ?? 0);
      const given = Number(change.find((x) => x.till === code)?.change ?? 0);
      expect({ cash: paid('cash') - given, card: paid('card'), other: paid('other') }).toEqual(
        r.byMethod,
      );
      for (const tax of r.taxes)
        expect(Number(taxes.find((x) => x.till === code && x.rate_bp === tax.rateBp)?.tax)).toBe(
          tax.tax,
        );
      expect(Number(moves.find((x) => x.till === code)?.amount ?? 0)).toBe(
        r.cash.cashIn + r.cash.cashOut,
      );
    }
    const transfer = await rows<{ status: string; finalised_by: string; event_count: number }>(
      `SELECT status, finalised_by, event_count FROM transfers WHERE mesh_id = $1 AND id = $2`,
      [meshId, sent.id],
    );
    expect(transfer).toMatchObject([{ status: 'done', finalised_by: 'P3' }]);
    expect(transfer[0]!.event_count).toBeGreaterThanOrEqual(4); // sent, claimed, confirmed, paid
  });

  // on the day the test above archived
  it('verifies every till’s chain from the jsonb rows, and names an order edited there', async () => {
    const verify = () =>
      spawnSync(process.execPath, [CLI, 'verify', '--config', shop.relayConfig], {
        encoding: 'utf8',
      });
    const intact = verify();
    expect(intact.stderr).toBe('');
    expect(intact.status).toBe(0);
    for (const code of CODES)
      expect(intact.stdout).toMatch(new RegExp(`^till ${code} .*: intact$`, 'm'));

    const [first] = await rows<{ number: string }>(
      `SELECT number FROM orders WHERE mesh_id = $1 AND till = 'P2' ORDER BY number LIMIT 1`,
      [meshId],
    );
    await db.query(
      `UPDATE orders SET record = jsonb_set(record, '{totals,total}',
         to_jsonb((record #>> '{totals,total}')::bigint + 1))
       WHERE mesh_id = $1 AND number = $2`,
      [meshId, first!.number],
    );
    const edited = verify();
    expect(edited.status).toBe(1);
    expect(edited.stdout).toContain(
      `edited: ${first!.number}: its signature does not match its content`,
    );
  });
});
