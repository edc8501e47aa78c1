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
  'error.unexpected': 'Something went wrong: {message}',
  'error.INVALID_QTY': '“{text}” is not a whole quantity.',
} as const;
