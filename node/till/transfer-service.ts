/**
 * Cart transfers on this till: send (the cart leaves, its snapshot goes into
 * the transfer's log), claim (the cart is rebuilt here with a reference),
 * release, cancel; the referee duty for transfers this till sent; and watching
 * the converged logs to tell this till's people when they lost a claim.
 */
import * as Y from 'yjs';
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
import type { TransferEvent } from '../../crdt/transfer-schema.ts';
import {
  appendTransferEvent,
  claimToConfirm,
  createTransfer,
  isOfferedTo,
  sentBy,
  TransfersView,
} from '../../crdt/transfers.ts';
import { TRANSFERS_DOC } from '../../crdt/documents.ts';
import type { Actor } from '../auth/sessions.ts';
import { LOCAL } from '../docs/origins.ts';
import { requireOwnCode, staffRef } from './access.ts';
import type { TillContext } from './context.ts';
import { meshSettings, newOrderContext } from './context.ts';
import type { DayService, OpenDayHandle } from './day-service.ts';
import { TransferNotices } from './transfer-notices.ts';
import { transferView } from './transfer-view.ts';

export class TransferService {
  readonly notices = new TransferNotices();
  private readonly doc: Y.Doc;
  private readonly transfers: TransfersView;
  private reconcileQueued = false;
  private readonly refereeStuck = new Set<string>();

  constructor(
    private readonly ctx: TillContext,
    private readonly days: DayService,
  ) {
    this.doc = ctx.docs.open(TRANSFERS_DOC);
    this.transfers = new TransfersView(this.doc, ctx.report, ctx.registry);
    ctx.docs.onUpdate((name) => {
      if (name === TRANSFERS_DOC) this.scheduleReconcile();
    });
    // a claim lost while no day was open marks its carried cart when the next day opens
    days.onOpen(() => {
      for (const cart of this.days.current()?.view.orders() ?? [])
        if (cart.status === 'open' && cart.transferRef) {
          const state = this.transfers.get(cart.transferRef);
          if (state) this.syncLostFlag(state);
        }
    });
    this.reconcile();
  }

  all(): TransferState[] {
    return this.transfers.all();
  }

  /** The state as the API serves it, as this till sees it. */
  view(state: TransferState): TransferView {
    return transferView(state, this.self(), this.ctx.registry);
  }

  /** This till as the logs tell it apart from a till that shares its code. */
  self(): LogTill {
    return { code: this.ctx.code, key: this.ctx.signer.peerId };
  }

  get(id: string): TransferState {
    const state = this.transfers.get(id);
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
      this.doc.transact(() => createTransfer(this.doc, sent, this.ctx.signer), LOCAL);
      this.writeCart(day, this.closedCart(cart, id, actor));
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
    const at = this.stamp(state);
    const cart = cartFromTransfer(state, {
      ...newOrderContext(this.ctx, day, actor),
      withReference: true,
    });
    this.ctx.docs.transact(() => {
      this.append(state, { type: 'claimed', at, till: this.ctx.code, by: staffRef(actor) });
      this.writeCart(day, cart);
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
      this.append(state, {
        type: 'released',
        at: this.stamp(state),
        till: this.ctx.code,
        claimAt: claim.at,
        by: staffRef(actor),
      });
      if (cart) this.writeCart(day, this.closedCart(cart, state.id, actor));
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
      this.append(state, { type: 'cancelled', at: this.stamp(state), by: staffRef(actor) });
      this.writeCart(day, cart);
    });
    this.ctx.log.info('transfer cancelled', { transfer: state.id, by: actor.id, cart: cart.id });
    return cart;
  }

  /** Called before a cart with a transfer reference is paid: only the holder of the transfer may. */
  assertPayable(order: Order): void {
    const state = order.transferRef ? this.transfers.get(order.transferRef) : undefined;
    const refusal = state && refusalToPay(state, this.self());
    if (refusal) throw conflict('TRANSFER_LOST', refusal);
  }

  /** Inside the payment's commit: the transfer becomes done, by this till and this order. */
  recordPaid(order: Order): void {
    const state = order.transferRef ? this.transfers.get(order.transferRef) : undefined;
    if (!state || !order.number || !order.closedBy) return;
    this.append(state, {
      type: 'paid',
      at: this.stamp(state),
      till: this.ctx.code,
      orderId: order.id,
      orderNumber: order.number,
      by: order.closedBy,
    });
  }

  /** Inside a void's commit: a claimed cart given up frees the transfer for the next claim. */
  recordVoid(order: Order, actor: Actor): void {
    const state = order.transferRef ? this.transfers.get(order.transferRef) : undefined;
    const claim = state && activeClaim(state, this.self());
    if (!state || !claim) return;
    this.append(state, {
      type: 'released',
      at: this.stamp(state),
      till: this.ctx.code,
      claimAt: claim.at,
      by: staffRef(actor),
    });
  }

  /** Appends to the transfer's log, inside whatever commit is open. */
  private append(state: TransferState, event: TransferEvent): void {
    this.doc.transact(() => appendTransferEvent(this.doc, state.id, event, this.ctx.signer), LOCAL);
  }

  private writeCart(day: OpenDayHandle, order: Order): void {
    day.doc.transact(() => day.write.order(order), LOCAL);
  }

  /** A time after every event of the transfer, whatever this till's clock says. */
  private stamp(state: TransferState) {
    return this.ctx.clock.after(state.history.at(-1)!.at);
  }

  private scheduleReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    queueMicrotask(() => {
      this.reconcileQueued = false;
      try {
        this.reconcile();
      } catch (error) {
        this.ctx.log.error('transfer reconcile failed', { error });
      }
    });
  }

  /**
   * The referee duty for the transfers this till sent (with its own key: a
   * till that shares its code referees its own), and telling its people what
   * changed.
   */
  private reconcile(): void {
    for (const state of this.transfers.takeChanged()) {
      for (const event of state.history) this.ctx.clock.observe(event.at);
      const toConfirm = this.refereeStuck.has(state.id)
        ? undefined
        : claimToConfirm(state, this.self());
      if (toConfirm) {
        this.ctx.docs.transact(() =>
          this.append(state, {
            type: 'confirmed',
            at: this.stamp(state),
            claim: toConfirm.till,
            claimAt: toConfirm.at,
            claimSigner: toConfirm.signer,
          }),
        );
        this.ctx.log.info('transfer claim confirmed', {
          transfer: state.id,
          claim: toConfirm.till,
        });
        const now = this.transfers.get(state.id);
        if (
          !now?.claims.some(
            (c) =>
              c.till === toConfirm.till &&
              c.signer === toConfirm.signer &&
              c.at === toConfirm.at &&
              c.confirmedAt,
          )
        ) {
          // never loop on a confirmation that does not take
          this.refereeStuck.add(state.id);
          this.ctx.log.error('confirmation did not take; the referee stops for this transfer', {
            transfer: state.id,
          });
        }
        continue; // the new event brings another reconcile
      }
      this.tell(state);
    }
  }

  private tell(state: TransferState): void {
    this.syncLostFlag(state);
    this.notices.tell(state, this.self(), this.ctx.log);
  }

  /**
   * A lost claim's cart stays (never silently emptied) but is marked, so it is
   * not sold; the mark goes again if this till becomes the holder after all.
   */
  private syncLostFlag(state: TransferState): void {
    const day = this.days.current();
    const cart = day?.view
      .orders()
      .find((o) => o.transferRef === state.id && o.status === 'open' && o.till === this.ctx.code);
    if (!day || !cart || sentBy(state, this.self())) return;
    const lost = refusalToPay(state, this.self()) !== undefined;
    if (lost === (cart.transferLost !== null)) return;
    const marked: Order = {
      ...cart,
      transferLost: lost ? { winner: state.winner?.till ?? null, at: this.ctx.clock.now() } : null,
    };
    this.ctx.docs.transact(() => this.writeCart(day, marked));
    this.ctx.log.warn(lost ? 'claim lost' : 'claim holds again', {
      transfer: state.id,
      winner: state.winner?.till ?? null,
      cart: cart.id,
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
