/**
 * The till's business day: open with a float, cash in and out, X report, close
 * with counted amounts (Z report). Works with no network at all. Open carts are
 * never dropped at close: they are carried to the next day, or the close is
 * refused with the list of them.
 */
import type * as Y from 'yjs';
import { conflict } from '../../crdt/errors.ts';
import type { CashMoveId } from '../../crdt/ids.ts';
import { newId } from '../../crdt/ids.ts';
import type { DayView } from '../../crdt/day.ts';
import { closeDayMeta, DayWriter, openDayMeta } from '../../crdt/day.ts';
import { DAY, dayDocName, parseDocName, SETTINGS, writerTag } from '../../crdt/documents.ts';
import { assertMinor, formatMoney } from '../../crdt/money.ts';
import type { ApprovalPin } from '../auth/manager-approval.ts';
import type { ClosePreview, CloseResult, OpenCartSummary } from '../../crdt/api-types.ts';
import type { DayReport } from '../../crdt/report.ts';
import { dayReport } from '../../crdt/report.ts';
import type { CashMove, Counted, Order } from '../../crdt/schema.ts';
import type { Actor } from '../auth/sessions.ts';
import { requireManager, requireOwnCode, staffRef } from './access.ts';
import { localBusinessDate } from './business-date.ts';
import type { TillContext } from './context.ts';
import { commit, dayView, isOwnDay, meshSettings } from './context.ts';

export interface OpenDayHandle {
  name: string;
  doc: Y.Doc;
  view: DayView;
  write: DayWriter;
}

export class DayService {
  private open: OpenDayHandle | undefined;
  private readonly openListeners = new Set<() => void>();

  constructor(private readonly ctx: TillContext) {
    this.open = this.findOpenDay();
  }

  current(): OpenDayHandle | undefined {
    return this.open;
  }

  /** The open day, or a clear refusal: selling needs an open day. */
  require(): OpenDayHandle {
    if (!this.open)
      throw conflict(
        'NO_OPEN_DAY',
        `till ${this.ctx.code} has no open business day: open one with a float`,
      );
    return this.open;
  }

  /** Called when a day opens here (its carried-over carts are in it). */
  onOpen(listener: () => void): void {
    this.openListeners.add(listener);
  }

  openDay(actor: Actor, float: number): OpenDayHandle {
    requireOwnCode(this.ctx);
    if (!this.ctx.settingsDoc.getMap(SETTINGS.mesh).has('currency'))
      throw conflict(
        'SETTINGS_NOT_SYNCED',
        `till ${this.ctx.code} joined the mesh but has not received its settings yet (currency and more): connect it to another till of the mesh once, then open the day`,
      );
    if (this.open) {
      const meta = this.open.view.meta();
      throw conflict(
        'DAY_ALREADY_OPEN',
        `business day ${meta?.businessDate ?? '?'} is already open on ${this.ctx.code}`,
      );
    }
    const businessDate = localBusinessDate(this.ctx.now());
    const session = this.nextSession(businessDate);
    const meta = openDayMeta({
      till: this.ctx.code,
      businessDate,
      session,
      currency: meshSettings(this.ctx).currency,
      float,
      at: this.ctx.clock.now(),
      by: staffRef(actor),
      writer: writerTag(this.ctx.signer.peerId),
    });
    const name = dayDocName(meta);
    const doc = this.ctx.docs.open(name);
    const carried = this.ctx.state.carriedCarts();
    const handle = this.handle(name, doc);
    commit(this.ctx, doc, () => {
      handle.write.meta(meta);
      for (const cart of carried)
        handle.write.order({
          ...cart,
          businessDate,
          carriedFrom: cart.carriedFrom ?? cart.businessDate,
        });
      this.ctx.state.clearCarried();
    });
    this.open = handle;
    for (const listener of this.openListeners) listener();
    this.ctx.log.info('business day opened', {
      day: name,
      float,
      by: actor.name,
      carried: carried.length,
    });
    return this.open;
  }

  cashMove(actor: Actor, amount: number, reason: string, pin?: ApprovalPin): CashMove {
    requireOwnCode(this.ctx);
    const day = this.require();
    const limit = meshSettings(this.ctx).approvals.cashOutAbove;
    const approvedBy =
      amount < 0 && -amount > limit
        ? this.ctx.approvals.approver(
            actor,
            'cash-out',
            limit
              ? `paying out more than ${formatMoney(limit, day.view.meta()?.currency ?? 'EUR')}`
              : 'paying cash out',
            pin,
          )
        : null;
    const move: CashMove = {
      id: newId<CashMoveId>(),
      amount: assertMinor(amount, 'cash movement'),
      reason: reason.trim(),
      at: this.ctx.clock.now(),
      by: staffRef(actor),
      approvedBy,
    };
    commit(this.ctx, day.doc, () => day.write.cashMove(move));
    return move;
  }

  xReport(): DayReport {
    const day = this.require();
    const meta = day.view.meta();
    if (!meta)
      throw conflict('DAY_UNREADABLE', `the meta record of ${day.name} is missing or invalid`);
    return dayReport(meta, day.view.orders(), day.view.cashMoves(), day.view.drawerOpenings());
  }

  /** Z report of a closed day, from the journal; the open day gives its X report. */
  zReport(businessDate: string): DayReport | undefined {
    return this.ctx.journal.dayReport(
      this.ctx.code,
      writerTag(this.ctx.signer.peerId),
      businessDate,
    );
  }

  /**
   * The Z report the close would make with these counts, before anything is
   * written: the same computation as the close itself, so what the manager
   * confirms is what is recorded.
   */
  closePreview(actor: Actor, counted: Counted): ClosePreview {
    const { report, openCarts } = this.closing(actor, counted);
    return { report, openCarts: openCarts.map(cartSummary) };
  }

  closeDay(actor: Actor, counted: Counted, options: { carryOver: boolean }): CloseResult {
    const { day, closed, report, openCarts, paid, moves } = this.closing(actor, counted);
    if (openCarts.length > 0 && !options.carryOver) {
      throw conflict(
        'OPEN_CARTS',
        `${openCarts.length} open cart(s) on ${this.ctx.code}: pay, void or carry them over first`,
        openCarts.map(cartSummary),
      );
    }
    commit(this.ctx, day.doc, () => {
      day.write.meta(closed);
      for (const cart of openCarts) day.write.deleteOrder(cart.id);
      this.ctx.state.carryOver(openCarts);
      for (const order of paid) this.ctx.journal.recordOrder(day.view.signed(order), day.name);
      this.ctx.journal.recordDay(closed, report, moves);
    });
    // the close is committed: whatever happens next, this day takes no more sales
    this.open = undefined;
    try {
      this.ctx.docs.retire(day.name);
    } catch (error) {
      // the day stays live until the next start retires it (findOpenDay)
      this.ctx.log.error('closed day could not be retired yet', { day: day.name, error });
    }
    this.ctx.log.info('business day closed', {
      day: day.name,
      by: actor.name,
      orders: paid.length,
      carriedOver: openCarts.length,
    });
    return { report, carriedOver: openCarts.map(cartSummary) };
  }

  /** The closed meta and Z report of the open day with these counts, written nowhere. */
  private closing(actor: Actor, counted: Counted) {
    requireManager(actor, 'closing the business day');
    const day = this.require();
    const meta = day.view.meta();
    if (!meta)
      throw conflict('DAY_UNREADABLE', `the meta record of ${day.name} is missing or invalid`);
    const orders = day.view.orders();
    const openCarts = orders.filter((o) => o.status === 'open');
    const kept = orders.filter((o) => o.status !== 'open');
    const paid = kept.filter((o) => o.status === 'paid');
    const closed = closeDayMeta(meta, {
      at: this.ctx.clock.now(),
      by: staffRef(actor),
      counted,
      orderCount: paid.length,
    });
    const moves = day.view.cashMoves();
    const report = dayReport(closed, kept, moves, day.view.drawerOpenings());
    return { day, closed, report, openCarts, paid, moves };
  }

  /**
   * Another till's day, once it is closed and this till holds all of its paid
   * orders (the count in its meta), goes to the local journal and leaves the
   * live set here too. A day a duplicate of a code wrote is read as its writer's
   * and journaled under its key, counted nowhere here (`countedHere`); its cash
   * movements stay out (the journal keeps them per code, as the owner's).
   * Returns whether it did.
   */
  absorbPeerDay(name: string): boolean {
    const ref = parseDocName(name);
    const doc = this.ctx.docs.get(name);
    if (ref?.kind !== 'day' || isOwnDay(this.ctx, ref) || !doc) return false;
    const owner = this.ctx.registry.ownerOf(ref.till);
    const writer =
      ref.writer === undefined ? owner : this.ctx.registry.writerOf(ref.till, ref.writer);
    if (!writer) return false;
    const view = dayView(this.ctx, doc, name, writer);
    const duplicate = writer !== owner;
    const meta = view.meta();
    if (!meta?.closedAt) return false;
    const orders = view.orders();
    const paid = orders.filter((o) => o.status === 'paid');
    if (meta.orderCount !== paid.length) return false; // more is still on its way
    const moves = view.cashMoves();
    this.ctx.docs.transact(() => {
      for (const order of paid) this.ctx.journal.recordOrder(view.signed(order), name);
      this.ctx.journal.recordDay(
        meta,
        dayReport(meta, orders, moves, view.drawerOpenings()),
        duplicate ? [] : moves,
      );
    });
    this.ctx.docs.retire(name);
    this.ctx.log.info('closed day of a peer journaled', {
      day: name,
      orders: paid.length,
      ...(duplicate ? { duplicateOf: owner } : {}),
    });
    return true;
  }

  /** Carts waiting for the next day to open. */
  carriedOver(): Order[] {
    return this.ctx.state.carriedCarts();
  }

  /**
   * Finds this till's open day among the live documents. A day whose close was
   * committed but not yet retired (a crash in between) is retired now.
   */
  private findOpenDay(): OpenDayHandle | undefined {
    let found: OpenDayHandle | undefined;
    for (const entry of this.ctx.store.listDocs('live')) {
      const ref = parseDocName(entry.name);
      if (!isOwnDay(this.ctx, ref)) continue;
      const doc = this.ctx.docs.open(entry.name);
      const handle = this.handle(entry.name, doc);
      const meta = handle.view.meta();
      if (meta?.closedAt) {
        this.ctx.docs.retire(entry.name);
      } else if (meta) {
        if (found)
          this.ctx.log.error('two open business days; using the newer', {
            days: [found.name, entry.name],
          });
        found = handle;
      }
    }
    return found;
  }

  private handle(name: string, doc: Y.Doc): OpenDayHandle {
    for (const map of Object.values(DAY)) this.ctx.guard.records(doc, name, map);
    return {
      name,
      doc,
      view: dayView(this.ctx, doc, name),
      write: new DayWriter(doc, name, this.ctx.signer),
    };
  }

  private nextSession(businessDate: string): number {
    let session = 0;
    for (const entry of this.ctx.store.listDocs()) {
      const ref = parseDocName(entry.name);
      if (isOwnDay(this.ctx, ref) && ref?.kind === 'day' && ref.businessDate === businessDate) {
        session = Math.max(session, ref.session);
      }
    }
    return session + 1;
  }
}

function cartSummary(order: Order): OpenCartSummary {
  return { id: order.id, lines: order.lines.length, openedBy: order.openedBy.name };
}
