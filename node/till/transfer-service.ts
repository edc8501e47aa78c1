/**
 * Cart transfers on this till: send (the cart leaves, its snapshot goes into
 * the transfer's log), claim (the cart is rebuilt here with a reference),
 * release, cancel, and the payment and void of a transferred cart. The
 * referee duty and the lost-claim marks are transfer-watch.ts's.
 */
import { conflict, notFound } from '../../crdt/errors.ts';
import type { OrderId, TransferId } from '../../crdt/ids.ts';
import { newId } from '../../crdt/ids.ts';
import type { TransferView } from '../../crdt/api-types.ts';
import type { Order } from '../../crdt/schema.ts';
import { readTills } from '../../crdt/settings.ts';
import type { SendRequest } from '../../crdt/transfer-rules.ts';
import {
  activeClaim,
  buildSend,
  cartFromTransfer,
  checkCancel,
  checkClaim,
  checkRelease,
  refusalToPay,
} from '../../crdt/transfer-rules.ts';
import type { LogTill, TransferState } from '../../crdt/transfers.ts';
import { isOfferedTo } from '../../crdt/transfers.ts';
import type { Actor } from '../auth/sessions.ts';
import { requireOwnCode, staffRef } from './access.ts';
import type { TillContext } from './context.ts';
import { meshSettings, newOrderContext } from './context.ts';
import type { DayService } from './day-service.ts';
import { TransferLogs, writeCart } from './transfer-logs.ts';
import { TransferNotices } from './transfer-notices.ts';
import { transferView } from './transfer-view.ts';
import { TransferWatch } from './transfer-watch.ts';

export class TransferService {
  readonly notices = new TransferNotices();
  private readonly logs: TransferLogs;

  constructor(
    private readonly ctx: TillContext,
    private readonly days: DayService,
  ) {
    this.logs = new TransferLogs(ctx);
    new TransferWatch(ctx, days, this.logs, this.notices).start();
  }

  all(): TransferState[] {
    return this.logs.transfers.all();
  }

  /** The state as the API serves it, as this till sees it. */
  view(state: TransferState): TransferView {
    return transferView(state, this.self(), this.ctx.registry);
  }

  /** This till as the logs tell it apart from a till that shares its code. */
  self(): LogTill {
    return this.logs.self();
  }

  get(id: string): TransferState {
    const state = this.logs.transfers.get(id);
    if (!state) throw notFound('TRANSFER_NOT_FOUND', `no transfer ${id}`);
    return state;
  }

  /** Transfers this till may take now, newest first (none unless it is a receiver). */
  offered(): TransferState[] {
    const settings = meshSettings(this.ctx);
    const self = readTills(this.ctx.settingsDoc, this.ctx.report).find(
      (t) => t.code === this.ctx.code,
    );
    if (!settings.transfersEnabled || !self?.roles.receiver) return [];
    return this.all().filter((t) => isOfferedTo(t, this.ctx.code));
  }

  send(actor: Actor, cartId: OrderId, request: SendRequest): TransferState {
    requireOwnCode(this.ctx);
    const day = this.days.require();
    const cart = day.view.order(cartId);
    if (!cart)
      throw notFound('ORDER_NOT_FOUND', `no order ${cartId} in the open day of ${this.ctx.code}`);
    // the id names the sender: no other till can start (or replace) this transfer's log
    const id = `${this.ctx.code}-${newId()}` as TransferId;
    const sent = buildSend({
      id,
      cart,
      request,
      self: this.ctx.code,
      tills: readTills(this.ctx.settingsDoc, this.ctx.report),
      settings: meshSettings(this.ctx),
      at: this.ctx.clock.now(),
      by: staffRef(actor),
    });
    // the cart leaves this till in the same commit as the transfer appears
    this.ctx.docs.transact(() => {
      this.logs.create(sent);
      writeCart(day, this.closedCart(cart, id, actor));
    });
    this.ctx.log.info('cart sent', {
      transfer: id,
      mode: request.mode,
      targets: request.targets,
      by: actor.id,
      lines: cart.lines.length,
    });
    return this.get(id);
  }

  claim(actor: Actor, id: string): Order {
    requireOwnCode(this.ctx);
    const day = this.days.require();
    const state = this.get(id);
    checkClaim(
      state,
      this.ctx.code,
      readTills(this.ctx.settingsDoc, this.ctx.report),
      meshSettings(this.ctx),
    );
    const at = this.logs.stamp(state);
    const cart = cartFromTransfer(state, {
      ...newOrderContext(this.ctx, day, actor),
      withReference: true,
    });
    this.ctx.docs.transact(() => {
      this.logs.append(state, { type: 'claimed', at, till: this.ctx.code, by: staffRef(actor) });
      writeCart(day, cart);
    });
    this.ctx.log.info('transfer claimed', {
      transfer: state.id,
      from: state.from,
      cart: cart.id,
      by: actor.id,
    });
    return cart;
  }

  /** Gives the cart back to the queue; the cart rebuilt here is closed. */
  release(actor: Actor, id: string): TransferState {
    const day = this.days.require();
    const state = this.get(id);
    const claim = checkRelease(state, this.self());
    const cart = day.view.orders().find((o) => o.transferRef === state.id && o.status === 'open');
    this.ctx.docs.transact(() => {
      this.logs.append(state, {
        type: 'released',
        at: this.logs.stamp(state),
        till: this.ctx.code,
        claimAt: claim.at,
        by: staffRef(actor),
      });
      if (cart) writeCart(day, this.closedCart(cart, state.id, actor));
    });
    this.ctx.log.info('transfer released', { transfer: state.id, by: actor.id });
    return this.get(id);
  }

  /** The sender withdraws an unclaimed transfer: the cart comes back as a new open cart. */
  cancel(actor: Actor, id: string): Order {
    const day = this.days.require();
    const state = this.get(id);
    checkCancel(state, this.self());
    const cart = cartFromTransfer(state, {
      ...newOrderContext(this.ctx, day, actor),
      withReference: false,
    });
    this.ctx.docs.transact(() => {
      this.logs.append(state, {
        type: 'cancelled',
        at: this.logs.stamp(state),
        by: staffRef(actor),
      });
      writeCart(day, cart);
    });
    this.ctx.log.info('transfer cancelled', { transfer: state.id, by: actor.id, cart: cart.id });
    return cart;
  }

  /** Called before a cart with a transfer reference is paid: only the holder of the transfer may. */
  assertPayable(order: Order): void {
    const state = order.transferRef ? this.logs.transfers.get(order.transferRef) : undefined;
    const refusal = state && refusalToPay(state, this.self());
    if (refusal) throw conflict('TRANSFER_LOST', refusal);
  }

  /** Inside the payment's commit: the transfer becomes done, by this till and this order. */
  recordPaid(order: Order): void {
    const state = order.transferRef ? this.logs.transfers.get(order.transferRef) : undefined;
    if (!state || !order.number || !order.closedBy) return;
    this.logs.append(state, {
      type: 'paid',
      at: this.logs.stamp(state),
      till: this.ctx.code,
      orderId: order.id,
      orderNumber: order.number,
      by: order.closedBy,
    });
  }

  /** Inside a void's commit: a claimed cart given up frees the transfer for the next claim. */
  recordVoid(order: Order, actor: Actor): void {
    const state = order.transferRef ? this.logs.transfers.get(order.transferRef) : undefined;
    const claim = state && activeClaim(state, this.self());
    if (!state || !claim) return;
    this.logs.append(state, {
      type: 'released',
      at: this.logs.stamp(state),
      till: this.ctx.code,
      claimAt: claim.at,
      by: staffRef(actor),
    });
  }

  private closedCart(cart: Order, transferId: TransferId, actor: Actor): Order {
    const at = this.ctx.clock.now();
    return {
      ...cart,
      status: 'transferred',
      transferRef: transferId,
      updatedAt: at,
      updatedBy: staffRef(actor),
      closedAt: at,
      closedBy: staffRef(actor),
    };
  }
}
