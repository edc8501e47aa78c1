/**
 * A business day of one till: its meta record (float, opening, closing), its
 * orders (open carts included), its cash movements and drawer openings. Only
 * that till writes it, and signs every record; a reader counts only records
 * signed by the key registered for the day's till code.
 */
import type * as Y from 'yjs';
import { DAY, parseDocName } from './documents.ts';
import type { Hlc } from './hlc.ts';
import { isHlc } from './hlc.ts';
import type { OrderId, TillCode } from './ids.ts';
import type { InvalidReporter, SignedRecordMap } from './records.ts';
import { parsedAlready, signedRecordMap } from './records.ts';
import { conflict, invalid } from './errors.ts';
import type { CashMove, Counted, DayMeta, DrawerOpening, Order } from './schema.ts';
import {
  cashMoveSchema,
  countedSchema,
  dayMetaSchema,
  drawerOpeningSchema,
  orderSchema,
} from './schema.ts';
import type { RecordSigner, Trust } from './signing.ts';
import { signRecord } from './signing.ts';

/** A record of the day written by a till that shares the day's code but does not own it. */
export interface DuplicateRecord {
  map: string;
  key: string;
  signer: string;
}

export class DayView {
  private readonly code: TillCode;
  private readonly maps = new Map<string, SignedRecordMap<unknown>>();

  /**
   * `self`, on the till that reads its own day: its own records count there even
   * while another till owns the code (a duplicate keeps what it sold).
   */
  constructor(
    readonly doc: Y.Doc,
    readonly name: string,
    private readonly report: InvalidReporter,
    private readonly trust: Trust,
    private readonly self?: string,
  ) {
    const ref = parseDocName(name);
    if (ref?.kind !== 'day') throw new Error(`${name} is not a day document`);
    this.code = ref.till;
  }

  /** The peer id whose records count: the owner of the day's till code (or this till, reading its own). */
  owner(): string | undefined {
    return this.self ?? this.trust.ownerOf(this.code);
  }

  meta(): DayMeta | undefined {
    // each till keeps its meta under its own peer id: two tills sharing a code never overwrite one another
    const owner = this.owner();
    return owner === undefined ? undefined : this.map(DAY.meta, dayMetaSchema).get(owner);
  }
  orders(): Order[] {
    return this.orderMap()
      .entries()
      .map(([, order]) => order);
  }
  order(id: OrderId): Order | undefined {
    return this.orderMap().get(id);
  }
  /**
   * The latest `updatedAt` of the orders that count, for a clock starting up: the raw
   * stamps newest first, each order checked (signature, schema) only until one counts.
   * Reading every order of a busy day for it took most of a second.
   */
  latestOrderStamp(): Hlc | undefined {
    const stamps: Array<[OrderId, Hlc]> = [];
    this.doc.getMap<unknown>(DAY.orders).forEach((raw, key) => {
      const stamp = (raw as { updatedAt?: unknown } | null | undefined)?.updatedAt;
      if (typeof stamp === 'string' && isHlc(stamp)) stamps.push([key as OrderId, stamp]);
    });
    // fixed-width stamps: text order is time order
    stamps.sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0));
    return stamps.find(([id]) => this.order(id) !== undefined)?.[1];
  }
  cashMoves(): CashMove[] {
    return this.map(DAY.cash, cashMoveSchema, 'id')
      .entries()
      .map(([, move]) => move);
  }
  drawerOpenings(): DrawerOpening[] {
    return this.map(DAY.drawer, drawerOpeningSchema, 'id')
      .entries()
      .map(([, opening]) => opening)
      .sort((a, b) => (a.at < b.at ? -1 : 1));
  }
  /** An order exactly as its till signed it (not as parsed), for the journal to keep the proof. */
  signed(order: Order): Order {
    return (this.doc.getMap(DAY.orders).get(order.id) as Order | undefined) ?? order;
  }
  /** What another till with the same code wrote here: kept for the manager, never counted. */
  duplicates(): DuplicateRecord[] {
    return [
      ...this.map(DAY.meta, dayMetaSchema)
        .foreign()
        .map((r) => ({ map: DAY.meta, ...r })),
      ...this.orderMap()
        .foreign()
        .map((r) => ({ map: DAY.orders, ...r })),
      ...this.map(DAY.cash, cashMoveSchema, 'id')
        .foreign()
        .map((r) => ({ map: DAY.cash, ...r })),
    ].map(({ map, key, signer }) => ({ map, key, signer }));
  }
  /** An order another till with the same code made here: never counted, but kept (and archived) apart. */
  duplicateOrder(id: OrderId): Order | undefined {
    return this.orderMap().foreignGet(id);
  }
  private orderMap() {
    return this.map(DAY.orders, orderSchema, 'id');
  }
  private map<T>(
    mapName: string,
    schema: import('zod').ZodType<T>,
    idField?: keyof T,
  ): SignedRecordMap<T> {
    // made once per map: the till's open day is read on every cart edit
    let map = this.maps.get(mapName);
    if (!map) {
      map = signedRecordMap(
        this.doc,
        this.name,
        mapName,
        schema,
        this.report,
        this.trust,
        () => this.owner(),
        this.code,
        idField,
      );
      this.maps.set(mapName, map);
    }
    return map as SignedRecordMap<T>;
  }
}

/** Writes a till's own day records, each signed for its place. */
export class DayWriter {
  constructor(
    private readonly doc: Y.Doc,
    private readonly name: string,
    private readonly signer: RecordSigner,
  ) {}

  meta(meta: DayMeta): void {
    this.put(DAY.meta, this.signer.peerId, dayMetaSchema.parse(meta));
  }
  /** Writes the order signed; returns it as written (the journal keeps that proof). */
  order(order: Order): Order {
    const signed = this.put(DAY.orders, order.id, orderSchema.parse(order));
    // the order schema keeps `signer` and `sig`: read back, the record parses to itself
    parsedAlready(orderSchema, signed);
    return signed;
  }
  cashMove(move: CashMove): void {
    this.put(DAY.cash, move.id, cashMoveSchema.parse(move));
  }
  drawerOpening(opening: DrawerOpening): void {
    this.put(DAY.drawer, opening.id, drawerOpeningSchema.parse(opening));
  }
  deleteOrder(id: OrderId): void {
    this.doc.getMap(DAY.orders).delete(id);
  }
  private put<T extends object>(map: string, key: string, record: T): T {
    const signed = signRecord(record, { doc: this.name, map, key }, this.signer);
    this.doc.getMap(map).set(key, signed);
    return signed;
  }
}

export interface OpenDay {
  till: DayMeta['till'];
  businessDate: string;
  session: number;
  currency: string;
  float: number;
  at: DayMeta['openedAt'];
  by: DayMeta['openedBy'];
  /** The writing till's key tag, as its document's name carries it (writerTag). */
  writer?: string;
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
    ...(init.writer === undefined ? {} : { writer: init.writer }),
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
