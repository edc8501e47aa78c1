/**
 * How bytes reach a device: a serial port, a raw TCP socket (port 9100), a Linux
 * line-printer device file, or a simulated device in the data directory. The
 * drivers above see only this interface.
 */
export type TransportKind = 'serial' | 'tcp' | 'file' | 'simulated';

/** One open connection to a device. */
export interface Link {
  /** Resolves once the bytes are handed to the operating system (a serial port drained). */
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes the device sends back (two-way transports); returns the unsubscribe. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Runs once when the link ends, from either side; `error` says why when it was not asked for. */
  onClose(listener: (error?: Error) => void): () => void;
  readonly isOpen: boolean;
  /** Safe to call twice and after the other side went away. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** What this session is for (an order number); the simulated transport names its file after it. */
  label?: string;
}

export interface Transport {
  readonly kind: TransportKind;
  /** For status and logs: "tcp 192.168.1.50:9100", "serial /dev/ttyUSB0 9600 baud". */
  readonly address: string;
  /** The device can answer (DLE EOT status, a scanner's codes). */
  readonly twoWay: boolean;
  /** Opens a link, or rejects with a DeviceOfflineError that says why (refused, no such path, timeout). */
  connect(options?: ConnectOptions): Promise<Link>;
}
