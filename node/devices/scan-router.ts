/**
 * A code from the serial scanner: a receipt's code opens that order on the
 * screen; anything else is added to the cart the screen is on, as the cashier
 * signed in there (a new cart if that one is closed). A refused code adds
 * nothing and says why, on the screen and on the customer display.
 */
import { DomainError } from '../../crdt/errors.ts';
import { classifyScan } from '../../crdt/scan.ts';
import type { DeviceEvent } from '../../crdt/status.ts';
import type { Logger } from '../log.ts';
import type { NoticeBoard } from '../till/notice-board.ts';
import type { Till } from '../till/till.ts';
import type { DisplayFeed } from './display-feed.ts';
import type { ScreenFocus } from './screen-focus.ts';

export class ScanRouter {
  constructor(
    private readonly till: Till,
    private readonly focus: ScreenFocus,
    private readonly events: NoticeBoard<DeviceEvent>,
    private readonly display: DisplayFeed,
    private readonly log: Logger,
  ) {}

  handle(code: string): void {
    const scan = classifyScan(code, this.till.settings().mesh.scaleBarcodes);
    if (scan.kind === 'order') {
      this.events.add({ type: 'order-scanned', code, number: scan.number });
      return;
    }
    const target = this.focus.target();
    if (!target) {
      this.ignored(code, `nobody is signed in at till ${this.till.code}: sign in, then scan again`);
      return;
    }
    try {
      const open = target.cartId && this.till.sales.openCarts().some((c) => c.id === target.cartId);
      const cartId = open ? target.cartId! : this.till.sales.createCart(target.actor).id;
      this.focus.set(cartId, target.token);
      const cart = this.till.sales.applyOp(target.actor, cartId, {
        type: 'addBarcode',
        barcode: code,
      });
      const line = cart.lines.find((l) => l.barcode === scan.code) ?? cart.lines.at(-1);
      this.events.add({ type: 'scan-added', code, cartId, product: line?.name ?? '' });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.log.info('scan refused', { code, error: error.code, reason: error.message });
      this.events.add({ type: 'scan-refused', code, error: error.code, message: error.message });
      this.display.message(
        error.code === 'UNKNOWN_BARCODE'
          ? 'Unknown code'
          : error.code === 'INVALID_BARCODE'
            ? 'Invalid code'
            : 'Not added',
        code,
      );
    }
  }

  private ignored(code: string, message: string): void {
    this.log.warn('scan ignored', { code, reason: message });
    this.events.add({ type: 'scan-ignored', code, message });
  }
}
