/**
 * The till's errors in words, by their API code. `{…}` are the error's
 * details; amounts among them are formatted as money. A code missing here
 * shows the daemon's own message.
 */
export const errors = {
  'error.OFFLINE': 'The till does not answer: is its daemon running?',
  'error.UNDERPAID': 'The payments ({paid}) do not cover the total ({total}).',
  'error.CHANGE_WITHOUT_CASH': 'Overpaid by {change} with no cash to give change from.',
  'error.UNKNOWN_BARCODE': 'No product has the barcode {barcode}.',
  'error.INVALID_AMOUNT': 'That is not an amount.',
  'error.APPROVAL_REFUSED': 'Approval refused: not a manager, or a wrong PIN.',
  'error.LOGIN_THROTTLED': 'Too many wrong PINs: wait a moment and try again.',
  'error.TRANSFER_LOST': 'Another till took this cart first.',
  'error.TRANSFERS_DISABLED': 'Cart transfers are switched off for this shop.',
  'error.NOT_A_SENDER': 'This till may not send carts: a manager sets its roles in Settings.',
  'error.NOT_A_RECEIVER': 'That till does not receive carts.',
  'error.EMPTY_CART': 'An empty cart cannot be sent.',
  'error.ALREADY_TRANSFERRED': 'This cart came from another till: pay it here, or give it back.',
  'error.ONE_TARGET': 'Choose exactly one till to send the cart to.',
  'error.NO_TARGETS': 'Choose at least one till, or every receiving till.',
  'error.SELF_TARGET': 'A till cannot send a cart to itself.',
  'error.NO_RECEIVERS': 'No other till receives carts.',
  'error.UNKNOWN_TILL': 'That till is not in this shop’s settings.',
  'error.OWN_TRANSFER': 'A till cannot take its own cart back this way: cancel the transfer.',
  'error.NOT_A_TARGET': 'This cart was not sent to this till.',
  'error.TRANSFER_CANCELLED': 'The sending till cancelled this transfer.',
  'error.TRANSFER_DONE': 'This transfer is finished: its cart was paid.',
  'error.TRANSFER_TAKEN': 'Another till took this cart first.',
  'error.TRANSFER_CLAIMED': 'A till already took this cart: it can no longer be cancelled.',
  'error.TRANSFER_PAID': 'This till took payment for the cart: it cannot be given back.',
  'error.NOT_CLAIMED_HERE': 'This till does not hold that transfer.',
  'error.NOT_THE_SENDER': 'Only the till that sent the cart can cancel it.',
  'error.TRANSFER_NOT_FOUND': 'This till does not know that transfer (yet).',
  'error.unexpected': 'Something went wrong: {message}',
  'error.INVALID_QTY': '“{text}” is not a whole quantity.',
  'error.CURRENCY_LOCKED':
    'The currency cannot change: this till has already sold, and its books are in the current currency.',
  'error.NO_PRINTER': 'This till has no receipt printer configured.',
  'error.NO_DRAWER': 'This till has no cash drawer configured.',
  'error.NO_SUCH_DAY': 'There is no closed business day on that date on this till.',
  'error.INVALID_PERCENT': '“{text}” is not a percent from 0 to 100.',
} as const;
