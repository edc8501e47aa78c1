/**
 * A member of the mesh overwrites an order of a day its till has already closed,
 * while that till is away: the others cannot journal the day (an order the close
 * counted is gone from their copies). When the till that closed it comes back, it
 * looks at the changes made after its close, writes the order back, and every
 * till journals the day with the order as it was signed. Found by the simulation
 * (seed 1): before, the order was lost for good on every till but its seller.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../crdt/documents.ts';
import { LOCAL } from '../../../node/docs/origins.ts';
import type { SyncedTill } from '../../helpers/mesh.ts';
import { closeAll, link, syncedTill } from '../../helpers/mesh.ts';
import { cashier, manager } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let tills: SyncedTill[] = [];
afterEach(() => {
  closeAll(...tills);
  tills = [];
});

describe('an order overwritten after its day closed', () => {
  it('is written back by the till that closed the day, and journaled everywhere as signed', async () => {
    tills = [await syncedTill('A'), await syncedTill('B'), await syncedTill('C')];
    const [a, b, c] = tills as [SyncedTill, SyncedTill, SyncedTill];
    const cuts = [link(a, b), link(a, c)];
    link(b, c);
    a.till.days.openDay(cashier, 0);
    const cart = a.till.sales.createCart(cashier);
    const product = a.till.catalogue.search('', 1)[0]!;
    a.till.sales.applyOp(cashier, cart.id, { type: 'addProduct', productId: product.id });
    const sale = a.till.sales.pay(cashier, cart.id, [{ method: 'card', amount: product.price }]);
    const dayDoc = a.till.days.current()!.name;
    await waitFor(() => [b, c].every((t) => t.till.sales.findOrder(sale.id)?.status === 'paid'), {
      what: 'the sale on B and C',
    });

    for (const cut of cuts) cut();
    a.till.days.closeDay(manager, { cash: 0, card: sale.totals!.total }, { carryOver: true });
    // C, hostile, overwrites the order in its copy: the signature kept, the total changed
    const copy = c.till.ctx.docs.get(dayDoc)!;
    const orders = copy.getMap<Record<string, any>>(DAY.orders);
    const real = orders.get(sale.id)!;
    c.till.ctx.docs.transact(() =>
      copy.transact(
        () => orders.set(sale.id, { ...real, totals: { ...real.totals, total: 1 } }),
        LOCAL,
      ),
    );
    const onB = () => b.till.ctx.docs.get(dayDoc)?.getMap<Record<string, any>>(DAY.orders);
    await waitFor(
      () =>
        onB()?.get(sale.id)?.totals.total === 1 && b.till.sales.findOrder(sale.id) === undefined,
      { what: 'the overwrite on B, which no longer counts the order' },
    );

    link(a, b);
    link(a, c);
    await waitFor(() => [b, c].every((t) => t.till.ctx.docs.isClosed(dayDoc)), {
      what: 'B and C journaling the closed day',
    });
    for (const t of [b, c])
      expect(t.till.ctx.journal.order(sale.id)).toMatchObject({
        number: sale.number,
        totals: { total: sale.totals!.total },
      });
    expect(a.till.ctx.report.recent()).toContainEqual(
      expect.objectContaining({
        doc: dayDoc,
        key: sale.id,
        reason: expect.stringMatching(/written back/),
      }),
    );
    // the closed copies end alike: A stored what came after its close, and its write-back
    const closedSv = (t: SyncedTill) => {
      const doc = t.till.ctx.docs.readClosed(dayDoc)!;
      const sv = Buffer.from(Y.encodeStateVector(doc)).toString('base64');
      doc.destroy();
      return sv;
    };
    await waitFor(() => new Set(tills.map(closedSv)).size === 1, { what: 'closed copies alike' });
  });
});
