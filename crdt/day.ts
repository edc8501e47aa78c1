/**
 * A business day of one till: its meta record (float, opening, closing), its
 * orders (open carts included) and its cash movements. Only that till writes it.
 */
import type * as Y from 'yjs';
import { DAY, DAY_META_KEY } from './documents.ts';
import type { OrderId } from './ids.ts';
import type { InvalidReporter } from './records.ts';
import { recordMap } from './records.ts';
import { conflict, invalid } from './errors.ts';
import type { CashMove, Counted, DayMeta, DrawerOpening, Order } from './schema.ts';
import {
  cashMoveSchema,
  countedSchema,
  dayMetaSchema,
  drawerOpeningSchema,
  orderSchema,
} from './schema.ts';

export class DayView {
  constructor(
    readonly doc: Y.Doc,
    readonly name: string,
    private readonly report: InvalidReporter,
  ) {}

  meta(): DayMeta | undefined {
    return recordMap(this.doc, this.name, DAY.meta, dayMetaSchema, this.report).get(DAY_META_KEY);
  }
  orders(): Order[] {
    return this.orderMap()
      .entries()
      .map(([, order]) => order);
  }
  order(id: OrderId): Order | undefined {
    return this.orderMap().get(id);
  }
  cashMoves(): CashMove[] {
    return recordMap(this.doc, this.name, DAY.cash, cashMoveSchema, this.report, 'id')
      .entries()
      .map(([, move]) => move);
  }
  drawerOpenings(): DrawerOpening[] {
    return recordMap(this.doc, this.name, DAY.drawer, drawerOpeningSchema, this.report, 'id')
      .entries()
      .map(([, opening]) => opening)
      .sort((a, b) => (a.at < b.at ? -1 : 1));
  }
  private orderMap() {
    return recordMap(this.doc, this.name, DAY.orders, orderSchema, this.report, 'id');
  }
}

export function writeDayMeta(doc: Y.Doc, meta: DayMeta): void {
  doc.getMap(DAY.meta).set(DAY_META_KEY, dayMetaSchema.parse(meta));
}
export function writeOrder(doc: Y.Doc, order: Order): void {
  doc.getMap(DAY.orders).set(order.id, orderSchema.parse(order));
}
export function deleteOrder(doc: Y.Doc, id: OrderId): void {
  doc.getMap(DAY.orders).delete(id);
}
export function writeCashMove(doc: Y.Doc, move: CashMove): void {
  doc.getMap(DAY.cash).set(move.id, cashMoveSchema.parse(move));
}

export function writeDrawerOpening(doc: Y.Doc, opening: DrawerOpening): void {
  doc.getMap(DAY.drawer).set(opening.id, drawerOpeningSchema.parse(opening));
}

export interface OpenDay {
  till: DayMeta['till'];
  businessDate: string;
  session: number;
  currency: string;
  float: number;
  at: DayMeta['openedAt'];
  by: DayMeta['openedBy'];
}

export function openDayMeta(init: OpenDay): DayMeta {
  if (!Number.isSafeInteger(init.float) || init.float < 0) {
    throw invalid(
      'INVALID_FLOAT',
      `the opening float must be a whole, non-negative amount, got ${init.float}`,
    );
  }
  return {
    till: init.till,
    businessDate: init.businessDate,
    session: init.session,
    currency: init.currency,
    float: init.float,
    openedAt: init.at,
    openedBy: init.by,
    closedAt: null,
    closedBy: null,
    counted: null,
    orderCount: null,
  };
}

export function closeDayMeta(
  meta: DayMeta,
  close: { at: DayMeta['openedAt']; by: DayMeta['openedBy']; counted: Counted; orderCount: number },
): DayMeta {
  if (meta.closedAt)
    throw conflict(
      'DAY_CLOSED',
      `business day ${meta.businessDate} of ${meta.till} is already closed`,
    );
  const counted = countedSchema.safeParse(close.counted);
  if (!counted.success || Object.values(counted.data).some((v) => v < 0)) {
    throw invalid(
      'INVALID_COUNT',
      'counted amounts are whole, non-negative amounts per payment method',
    );
  }
  if (counted.data.cash === undefined)
    throw invalid('INVALID_COUNT', 'closing a day needs the counted cash');
  return {
    ...meta,
    closedAt: close.at,
    closedBy: close.by,
    counted: counted.data,
    orderCount: close.orderCount,
  };
}
