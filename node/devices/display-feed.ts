/**
 * What the customer displays show as the cashier works: each line as it is
 * added or changed with the total under it, the payment and the change, then
 * the welcome text again after a while. Every display gets the same screens.
 */
import type { CustomerDisplay } from '../../devices/display/customer-display.ts';
import type { DisplayScreen } from '../../crdt/status.ts';
import {
  itemScreen,
  messageScreen,
  paidScreen,
  totalScreen,
  welcomeScreen,
} from '../../devices/display/display-screen.ts';
import type { Line, Order } from '../../crdt/schema.ts';

export interface DisplayFeedOptions {
  welcome: string;
  shopName: () => string;
  /** Back to the welcome text this long after a payment or a message. */
  idleMs: number;
}

const sameLine = (a: Line, b: Line) =>
  a.qty === b.qty &&
  a.priceOverride === b.priceOverride &&
  a.discountBp === b.discountBp &&
  a.weightGrams === b.weightGrams;

/** How long a message (an unknown code) stays before the screen it covered comes back. */
export const MESSAGE_MS = 3_000;

export class DisplayFeed {
  private idle: NodeJS.Timeout | undefined;
  /** The last screen that was not a message. */
  private last: DisplayScreen | undefined;

  constructor(
    private readonly displays: readonly CustomerDisplay[],
    private readonly options: DisplayFeedOptions,
  ) {}

  welcome(): void {
    this.show(welcomeScreen(this.options.welcome, this.options.shopName()));
  }

  /** A cart or order of this till changed (after its commit). */
  changed(order: Order, before: Order | undefined): void {
    if (order.status === 'paid') return this.show(paidScreen(order), true);
    if (order.status !== 'open') return this.welcome();
    const touched = order.lines.find((line) => {
      const old = before?.lines.find((l) => l.id === line.id);
      return !old || !sameLine(old, line);
    });
    if (touched) this.show(itemScreen(order, touched));
    else if (order.lines.length) this.show(totalScreen(order));
    else this.welcome();
  }

  /** A short message for the customer (an unknown code), then back to what was there. */
  message(first: string, second = ''): void {
    const covered = this.last;
    this.send(messageScreen(first, second));
    this.later(MESSAGE_MS, () => (covered ? this.show(covered) : this.welcome()));
  }

  stop(): void {
    clearTimeout(this.idle);
  }

  private show(screen: DisplayScreen, thenWelcome = false): void {
    this.last = screen;
    this.send(screen);
    if (thenWelcome) this.later(this.options.idleMs, () => this.welcome());
  }

  private send(screen: DisplayScreen): void {
    clearTimeout(this.idle);
    for (const display of this.displays) void display.show(screen);
  }

  private later(ms: number, then: () => void): void {
    this.idle = setTimeout(then, ms);
    this.idle.unref();
  }
}
