/**
 * Watching the converged transfer logs: the referee duty for the transfers
 * this till sent, and telling this till's people when they lost a claim.
 * Apart from the actions because it runs on every update of the logs, not on
 * a request.
 */
import type { Order } from '../../crdt/schema.ts';
import { refusalToPay } from '../../crdt/transfer-rules.ts';
import type { TransferState } from '../../crdt/transfers.ts';
import { claimToConfirm, sentBy } from '../../crdt/transfers.ts';
import { TRANSFERS_DOC } from '../../crdt/documents.ts';
import type { TillContext } from './context.ts';
import type { DayService } from './day-service.ts';
import type { TransferLogs } from './transfer-logs.ts';
import { writeCart } from './transfer-logs.ts';
import type { TransferNotices } from './transfer-notices.ts';

export class TransferWatch {
  private reconcileQueued = false;
  private readonly refereeStuck = new Set<string>();

  constructor(
    private readonly ctx: TillContext,
    private readonly days: DayService,
    private readonly logs: TransferLogs,
    private readonly notices: TransferNotices,
  ) {}

  /** Watches from now on, and catches up on the logs as they are. */
  start(): void {
    this.ctx.docs.onUpdate((name) => {
      if (name === TRANSFERS_DOC) this.scheduleReconcile();
    });
    // a claim lost while no day was open marks its carried cart when the next day opens
    this.days.onOpen(() => {
      for (const cart of this.days.current()?.view.orders() ?? [])
        if (cart.status === 'open' && cart.transferRef) {
          const state = this.logs.transfers.get(cart.transferRef);
          if (state) this.syncLostFlag(state);
        }
    });
    this.reconcile();
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
    for (const state of this.logs.transfers.takeChanged()) {
      for (const event of state.history) this.ctx.clock.observe(event.at);
      const toConfirm = this.refereeStuck.has(state.id)
        ? undefined
        : claimToConfirm(state, this.logs.self());
      if (toConfirm) {
        this.ctx.docs.transact(() =>
          this.logs.append(state, {
            type: 'confirmed',
            at: this.logs.stamp(state),
            claim: toConfirm.till,
            claimAt: toConfirm.at,
            claimSigner: toConfirm.signer,
          }),
        );
        this.ctx.log.info('transfer claim confirmed', {
          transfer: state.id,
          claim: toConfirm.till,
        });
        const now = this.logs.transfers.get(state.id);
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
    this.notices.tell(state, this.logs.self(), this.ctx.log);
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
    if (!day || !cart || sentBy(state, this.logs.self())) return;
    const lost = refusalToPay(state, this.logs.self()) !== undefined;
    if (lost === (cart.transferLost !== null)) return;
    const marked: Order = {
      ...cart,
      transferLost: lost ? { winner: state.winner?.till ?? null, at: this.ctx.clock.now() } : null,
    };
    this.ctx.docs.transact(() => writeCart(day, marked));
    this.ctx.log.warn(lost ? 'claim lost' : 'claim holds again', {
      transfer: state.id,
      winner: state.winner?.till ?? null,
      cart: cart.id,
    });
  }
}
