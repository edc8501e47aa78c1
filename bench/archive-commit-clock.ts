/**
 * An ArchiveSink that tells when each order was committed: the moment the
 * inner sink's write() resolved, which is after its transaction's COMMIT. It
 * keeps how long each write() took; everything else is passed through.
 */
import type { Order } from '../crdt/schema.ts';
import type { HeldRecord } from '../node/books/verify-books.ts';
import type {
  ArchiveKind,
  ArchiveRecord,
  ArchiveSink,
  ArchivedDayTotals,
} from '../node/archive/archive-sink.ts';

export class CommitClock implements ArchiveSink {
  /** Duration of every write(), in milliseconds. */
  readonly writeMs: number[] = [];

  constructor(
    private readonly inner: ArchiveSink,
    private readonly committed: (orderId: string, atMs: number) => void,
  ) {}

  start(): Promise<void> {
    return this.inner.start();
  }
  async write(records: readonly ArchiveRecord[]): Promise<void> {
    const started = performance.now();
    await this.inner.write(records);
    const at = performance.now();
    this.writeMs.push(at - started);
    for (const r of records) if (r.kind === 'order') this.committed(r.order.id, at);
  }
  has(kind: ArchiveKind, keys: readonly string[], meshId?: string): Promise<Set<string>> {
    return this.inner.has(kind, keys, meshId);
  }
  count(kind: ArchiveKind, meshId: string): Promise<number> {
    return this.inner.count(kind, meshId);
  }
  dayTotals(meshId?: string): Promise<ArchivedDayTotals[]> {
    return this.inner.dayTotals(meshId);
  }
  orders(meshId: string, till: string, businessDate: string): Promise<Order[]> {
    return this.inner.orders(meshId, till, businessDate);
  }
  orderSigners(meshId: string): Promise<Array<string | null>> {
    return this.inner.orderSigners(meshId);
  }
  signedOrders(meshId: string, signer: string | null, batch?: number): AsyncIterable<HeldRecord> {
    return this.inner.signedOrders(meshId, signer, batch);
  }
  stop(): Promise<void> {
    return this.inner.stop();
  }
}
