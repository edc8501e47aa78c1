/**
 * Which cart the till's screen is on, and who is signed in there: a serial
 * scanner adds to that cart as that person. The screen says so (PUT
 * /api/screen) and every cart edit through the API moves the focus too.
 */
import type { OrderId } from '../../crdt/ids.ts';
import type { Actor } from '../auth/sessions.ts';

export interface FocusTarget {
  cartId: OrderId | null;
  actor: Actor;
  token: string;
}

export class ScreenFocus {
  private cartId: OrderId | null = null;
  private token: string | undefined;

  constructor(private readonly resolve: (token: string) => Actor | undefined) {}

  set(cartId: OrderId | null, token: string): void {
    this.cartId = cartId;
    this.token = token;
  }

  /** The focused cart and its cashier, while their session lives. */
  target(): FocusTarget | undefined {
    const actor = this.token ? this.resolve(this.token) : undefined;
    if (!actor || !this.token) return undefined;
    return { cartId: this.cartId, actor, token: this.token };
  }
}
