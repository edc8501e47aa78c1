/**
 * What a till may do with transfers, as pure checks and builders, so the
 * daemon, the UI and the tests share one set of rules. Each refusal names why.
 */
import { conflict, forbidden, invalid, notFound } from './errors.ts';
import type { Hlc } from './hlc.ts';
import type { TillCode, TransferId } from './ids.ts';
import { computeTotals } from './pricing.ts';
import type { MeshSettings, Order, StaffRef, TillInfo } from './schema.ts';
import { newCart } from './cart.ts';
import type { NewOrderContext } from './refund.ts';
import type { LogTill, SentEvent, TransferState } from './transfers.ts';
import { claimedBy, isOfferedTo, isSelf, sentBy } from './transfers.ts';

export type SendMode = 'assigned' | 'broadcast';

export interface SendRequest {
  mode: SendMode;
  /** assigned: exactly one till; broadcast: chosen tills, or null for every receiver. */
  targets: TillCode[] | null;
}

function tillInfo(tills: readonly TillInfo[], code: TillCode): TillInfo {
  const till = tills.find((t) => t.code === code);
  if (!till) throw notFound('UNKNOWN_TILL', `no till ${code} in the mesh settings`);
  return till;
}

export function requireTransfers(settings: MeshSettings): void {
  if (!settings.transfersEnabled)
    throw forbidden('TRANSFERS_DISABLED', 'cart transfers are switched off for this mesh');
}

export function buildSend(input: {
  id: TransferId;
  cart: Order;
  request: SendRequest;
  self: TillCode;
  tills: readonly TillInfo[];
  settings: MeshSettings;
  at: Hlc;
  by: StaffRef;
}): SentEvent {
  const { cart, request, self, tills } = input;
  requireTransfers(input.settings);
  if (!tillInfo(tills, self).roles.sender)
    throw forbidden('NOT_A_SENDER', `till ${self} is not allowed to send carts`);
  if (cart.status !== 'open' || cart.kind !== 'sale')
    throw conflict('ORDER_NOT_OPEN', `order ${cart.id} is not an open cart`);
  if (cart.lines.length === 0) throw conflict('EMPTY_CART', 'an empty cart cannot be sent');
  if (cart.transferRef)
    throw conflict(
      'ALREADY_TRANSFERRED',
      `this cart came from transfer ${cart.transferRef}: pay or release it`,
    );
  const receivers = tills.filter((t) => t.roles.receiver && t.code !== self).map((t) => t.code);
  let targets: TillCode[] | null;
  if (request.mode === 'assigned') {
    if (request.targets?.length !== 1)
      throw invalid('ONE_TARGET', 'an assigned transfer goes to exactly one till');
    targets = request.targets;
  } else {
    targets = request.targets === null ? null : [...new Set(request.targets)];
    if (targets?.length === 0)
      throw invalid('NO_TARGETS', 'choose at least one till, or all receivers');
  }
  for (const code of targets ?? []) {
    if (code === self) throw invalid('SELF_TARGET', 'a till cannot send a cart to itself');
    if (!tillInfo(tills, code).roles.receiver)
      throw forbidden('NOT_A_RECEIVER', `till ${code} does not receive carts`);
  }
  if (targets === null && receivers.length === 0)
    throw conflict('NO_RECEIVERS', 'no other till receives carts');
  return {
    type: 'sent',
    at: input.at,
    transferId: input.id,
    from: self,
    mode: request.mode,
    targets,
    by: input.by,
    cart: {
      sourceOrderId: cart.id,
      currency: cart.currency,
      customer: cart.customer,
      note: cart.note,
      lines: cart.lines,
      totals: computeTotals(cart.lines),
    },
  };
}

export function checkClaim(
  state: TransferState,
  self: TillCode,
  tills: readonly TillInfo[],
  settings: MeshSettings,
): void {
  requireTransfers(settings);
  if (!tillInfo(tills, self).roles.receiver)
    throw forbidden('NOT_A_RECEIVER', `till ${self} does not receive carts`);
  if (state.from === self) throw conflict('OWN_TRANSFER', 'a till cannot claim its own transfer');
  if (state.targets !== null && !state.targets.includes(self)) {
    throw forbidden('NOT_A_TARGET', `transfer ${state.id} was not sent to ${self}`);
  }
  if (isOfferedTo(state, self)) return;
  if (state.status === 'cancelled')
    throw conflict('TRANSFER_CANCELLED', `transfer ${state.id} was cancelled by ${state.from}`);
  if (state.status === 'done' || state.status === 'conflict')
    throw conflict('TRANSFER_DONE', `transfer ${state.id} is finished`);
  throw conflict(
    'TRANSFER_TAKEN',
    `transfer ${state.id} was claimed by ${state.winner?.till ?? 'another till'}`,
  );
}

/** This till's active claim on a transfer (its code and its key), if any. */
export const activeClaim = (state: TransferState, self: LogTill) =>
  state.claims.find((c) => claimedBy(c, self) && c.releasedAt === null);

/** This till's active claim on a transfer, or a refusal. */
export function ownClaim(state: TransferState, self: LogTill) {
  const claim = activeClaim(state, self);
  if (!claim)
    throw conflict('NOT_CLAIMED_HERE', `till ${self.code} holds no claim on transfer ${state.id}`);
  return claim;
}

/** The claim this till may give back: not once it took payment for the transfer. */
export function checkRelease(state: TransferState, self: LogTill) {
  const claim = ownClaim(state, self);
  if (state.history.some((e) => e.type === 'paid' && isSelf(self, e.till, e.signer))) {
    throw conflict(
      'TRANSFER_PAID',
      `till ${self.code} took payment for transfer ${state.id}; it cannot be released`,
    );
  }
  return claim;
}

/** Whether this till may take payment for a cart of the transfer, and if not, why. */
export function refusalToPay(state: TransferState, self: LogTill): string | undefined {
  if (state.cancelled)
    return `transfer ${state.id} was cancelled by ${state.from}: void this cart instead of selling it`;
  if (!activeClaim(state, self))
    return `till ${self.code} no longer holds transfer ${state.id}: void this cart`;
  if (state.winner && !claimedBy(state.winner, self)) {
    const holder =
      state.winner.till === self.code ? `another till with code ${self.code}` : state.winner.till;
    return `transfer ${state.id} is held by ${holder}: void this cart instead of selling it`;
  }
  return undefined;
}

export function checkCancel(state: TransferState, self: LogTill): void {
  if (!sentBy(state, self))
    throw forbidden(
      'NOT_THE_SENDER',
      state.from === self.code
        ? `transfer ${state.id} was sent by another till with code ${self.code}: only it can cancel`
        : `only ${state.from}, the sender, can cancel transfer ${state.id}`,
    );
  if (state.status === 'cancelled')
    throw conflict('TRANSFER_CANCELLED', `transfer ${state.id} is already cancelled`);
  if (state.status !== 'pending') {
    throw conflict(
      'TRANSFER_CLAIMED',
      `transfer ${state.id} was claimed by ${state.winner?.till ?? 'a till'}; it can no longer be cancelled`,
    );
  }
}

/** The cart a claim (or a cancel, on the sender) rebuilds: every line, price and discount as sent. */
export function cartFromTransfer(
  state: TransferState,
  init: NewOrderContext & { withReference: boolean },
): Order {
  const cart = newCart({
    id: init.id,
    till: init.till,
    businessDate: init.businessDate,
    currency: state.cart.currency,
    at: init.at,
    by: init.by,
    transferRef: init.withReference ? state.id : null,
  });
  return {
    ...cart,
    customer: state.cart.customer,
    note: state.cart.note,
    lines: state.cart.lines.map((line) => ({ ...line, id: init.newLineId() })),
  };
}
