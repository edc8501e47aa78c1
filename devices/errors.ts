/** Named device errors: each says which device and why, in words a cashier can act on. */
export class DeviceOfflineError extends Error {
  override readonly name = 'DeviceOfflineError';
}

/** The printer answered, but cannot print now (paper end, cover open, an error state). */
export class PrinterNotReadyError extends Error {
  override readonly name = 'PrinterNotReadyError';
  constructor(
    readonly condition: 'paper-out' | 'cover-open' | 'error' | 'offline',
    message: string,
  ) {
    super(message);
  }
}

/** A two-way device did not answer a status request in time. */
export class DeviceTimeoutError extends Error {
  override readonly name = 'DeviceTimeoutError';
}
