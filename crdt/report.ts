/**
 * X and Z reports of one till's business day: the same computation, run on the
 * open day (X, running) or at closing with the counted amounts (Z).
 */
import type { Minor } from './money.ts';
import { addMinor } from './money.ts';
import type {
  Counted,
  CashMove,
  DayMeta,
  DrawerOpening,
  Order,
  PaymentMethod,
  TaxTotal,
} from './schema.ts';
import { paymentMethods } from './schema.ts';

export type ByMethod = Record<PaymentMethod, Minor>;

export interface DayReport {
  till: string;
  businessDate: string;
  session: number;
  currency: string;
  closed: boolean;
  openedAt: string;
  closedAt: string | null;
  sales: { count: number; gross: Minor; discount: Minor; total: Minor };
  refunds: { count: number; total: Minor };
  /** Net takings: sales plus (negative) refunds. */
  net: Minor;
  voidedCount: number;
  openCarts: number;
  /** Takings per method, change already given back out of cash. */
  byMethod: ByMethod;
  taxes: TaxTotal[];
  cash: { float: Minor; takings: Minor; cashIn: Minor; cashOut: Minor; expected: Minor };
  expected: ByMethod;
  counted: Counted | null;
  variance: Partial<ByMethod> | null;
  firstNumber: string | null;
  lastNumber: string | null;
  /** Every time the drawer opened: for a cash sale, or without one (who, when, why). */
  drawer: {
    sales: number;
    noSale: number;
    noSaleOpenings: Array<Pick<DrawerOpening, 'at' | 'by' | 'reason'>>;
  };
}

const zeroByMethod = (): ByMethod => ({ cash: 0, card: 0, other: 0 });

function addTaxes(into: Map<string, TaxTotal>, taxes: readonly TaxTotal[]): void {
  for (const t of taxes) {
    const key = `${t.taxId}|${t.rateBp}|${t.included}`;
    const sum = into.get(key) ?? { ...t, base: 0, tax: 0 };
    sum.base = addMinor(sum.base, t.base, 'tax base of the day');
    sum.tax = addMinor(sum.tax, t.tax, 'tax of the day');
    into.set(key, sum);
  }
}

export function dayReport(
  meta: DayMeta,
  orders: readonly Order[],
  cashMoves: readonly CashMove[],
  drawerOpenings: readonly DrawerOpening[],
): DayReport {
  const sales = { count: 0, gross: 0, discount: 0, total: 0 };
  const refunds = { count: 0, total: 0 };
  const byMethod = zeroByMethod();
  const taxes = new Map<string, TaxTotal>();
  const numbered: Array<[string, string]> = [];
  let voidedCount = 0;
  let openCarts = 0;
  for (const order of orders) {
    if (order.status === 'open') openCarts += 1;
    if (order.status === 'voided') voidedCount += 1;
    if (order.status !== 'paid' || !order.totals) continue;
    if (order.number) numbered.push([order.closedAt ?? order.updatedAt, order.number]);
    const t = order.totals;
    if (order.kind === 'sale') {
      sales.count += 1;
      sales.gross = addMinor(sales.gross, t.gross, 'sales of the day');
      sales.discount = addMinor(sales.discount, t.discount, 'discounts of the day');
      sales.total = addMinor(sales.total, t.total, 'sales of the day');
    } else {
      refunds.count += 1;
      refunds.total = addMinor(refunds.total, t.total, 'refunds of the day');
    }
    for (const p of order.payments)
      byMethod[p.method] = addMinor(byMethod[p.method], p.amount, `${p.method} of the day`);
    byMethod.cash = addMinor(byMethod.cash, -t.change, 'cash of the day');
    addTaxes(taxes, t.taxes);
  }
  const sum = (values: number[], what: string) => values.reduce((s, v) => addMinor(s, v, what), 0);
  const cashIn = sum(
    cashMoves.filter((m) => m.amount > 0).map((m) => m.amount),
    'cash in',
  );
  const cashOut = sum(
    cashMoves.filter((m) => m.amount < 0).map((m) => m.amount),
    'cash out',
  );
  const expected: ByMethod = {
    ...byMethod,
    cash: sum([meta.float, byMethod.cash, cashIn, cashOut], 'expected cash'),
  };
  const counted = meta.counted;
  let variance: Partial<ByMethod> | null = null;
  if (counted) {
    variance = {};
    for (const method of paymentMethods) {
      const value = counted[method];
      if (value !== undefined) variance[method] = addMinor(value, -expected[method], 'variance');
    }
  }
  numbered.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    till: meta.till,
    businessDate: meta.businessDate,
    session: meta.session,
    currency: meta.currency,
    closed: meta.closedAt !== null,
    openedAt: meta.openedAt,
    closedAt: meta.closedAt,
    sales,
    refunds,
    net: addMinor(sales.total, refunds.total, 'net takings'),
    voidedCount,
    openCarts,
    byMethod,
    taxes: [...taxes.values()].sort(
      (a, b) => a.rateBp - b.rateBp || a.taxId.localeCompare(b.taxId),
    ),
    cash: { float: meta.float, takings: byMethod.cash, cashIn, cashOut, expected: expected.cash },
    expected,
    counted,
    variance,
    firstNumber: numbered[0]?.[1] ?? null,
    lastNumber: numbered.at(-1)?.[1] ?? null,
    drawer: {
      sales: drawerOpenings.filter((d) => d.kind === 'sale').length,
      noSale: drawerOpenings.filter((d) => d.kind === 'no-sale').length,
      noSaleOpenings: drawerOpenings
        .filter((d) => d.kind === 'no-sale')
        .map(({ at, by, reason }) => ({ at, by, reason })),
    },
  };
}
