/**
 * Receipts of this till's printer: the order as stored (the document or the
 * journal, never a request) through the one layout, into ESC/POS bytes for the
 * printer or SVG for the screen.
 */
import type { Order } from '../../crdt/schema.ts';
import { notFound, conflict } from '../../crdt/errors.ts';
import type { PrintJob } from '../../devices/printer/print-queue-store.ts';
import type { ReceiptDoc } from '../../devices/receipt/receipt-doc.ts';
import { receiptToEscPos } from '../../devices/receipt/receipt-escpos.ts';
import { receiptLayout } from '../../devices/receipt/receipt-layout.ts';
import { receiptToSvg } from '../../devices/receipt/receipt-svg.ts';
import type { Till } from '../till/till.ts';
import type { Devices } from './build-devices.ts';

export class Receipts {
  constructor(
    private readonly till: Till,
    private readonly options: Devices['receipt'],
  ) {}

  /** A paid order or refund found by id or number, anywhere this till holds it. */
  paidOrder(ref: string): Order {
    const order = this.till.sales.findOrder(ref);
    if (!order) throw notFound('ORDER_NOT_FOUND', `no order ${ref} on ${this.till.code}`);
    if (order.status !== 'paid')
      throw conflict(
        'NOT_PAID',
        `order ${order.number ?? order.id} is ${order.status}: only paid orders have a receipt`,
      );
    return order;
  }

  doc(order: Order, copy: boolean): ReceiptDoc {
    const { mesh } = this.till.settings();
    return receiptLayout({
      order,
      shop: { name: mesh.shopName, header: mesh.receiptHeader, footer: mesh.receiptFooter },
      till: { code: order.till, name: this.tillName(order) },
      columns: this.options.columns,
      copy,
      // the order's signature: the receipt itself proves which till sold what
      qr: order.sig ? `posmesh:${order.number}:${order.sig}` : (order.number ?? order.id),
      logo: this.options.logo,
    });
  }

  /** The bytes of a queued ticket, read from the stored order when its turn comes. */
  render(job: PrintJob): Uint8Array {
    return receiptToEscPos(
      this.doc(this.paidOrder(job.orderId), job.kind === 'copy'),
      this.options,
    );
  }

  svg(ref: string, copy: boolean): string {
    const order = this.paidOrder(ref);
    return receiptToSvg(this.doc(order, copy), `receipt ${order.number}`);
  }

  private tillName(order: Order): string {
    if (order.till === this.till.code) return this.till.config.till.name;
    return this.till.settings().tills.find((t) => t.code === order.till)?.name ?? order.till;
  }
}
