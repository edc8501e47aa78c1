/**
 * X and Z reports of one till's business day: the same computation, run on the
 * open day (X, running) or at closing with the counted amounts (Z).
 */
import type { Minor } from './money.ts';
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
    sum.base += t.base;
    sum.tax += t.tax;
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
      sales.gross += t.gross;
      sales.discount += t.discount;
      sales.total += t.total;
    } else {
      refunds.count += 1;
      refunds.total += t.total;
    }
    for (const p of order.payments) byMethod[p.method] += p.amount;
    byMethod.cash -= t.change;
    addTaxes(taxes, t.taxes);
  }
  const cashIn = cashMoves.filter((m) => m.amount > 0).reduce((s, m) => s + m.amount, 0);
  const cashOut = cashMoves.filter((m) => m.amount < 0).reduce((s, m) => s + m.amount, 0);
  const expected: ByMethod = { ...byMethod, cash: meta.float + byMethod.cash + cashIn + cashOut };
  const counted = meta.counted;
  let variance: Partial<ByMethod> | null = null;
  if (counted) {
    variance = {};
    for (const method of paymentMethods) {
      const value = counted[method];
      if (value !== undefined) variance[method] = value - expected[method];
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
    net: sales.total + refunds.total,
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
