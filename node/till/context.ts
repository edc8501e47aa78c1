/** What the till's services share: the documents, the clock, the durable state. */
import type * as Y from 'yjs';
import type { CatalogueIndex } from '../../crdt/catalogue.ts';
import type { StaffDirectory } from '../../crdt/staff.ts';
import type { HybridClock } from '../../crdt/hlc.ts';
import type { TillCode } from '../../crdt/ids.ts';
import type { LineId, OrderId } from '../../crdt/ids.ts';
import { newId } from '../../crdt/ids.ts';
import type { NewOrderContext } from '../../crdt/refund.ts';
import type { MeshSettings, Order } from '../../crdt/schema.ts';
import type { Actor } from '../auth/sessions.ts';
import { staffRef } from './access.ts';
import type { OpenDayHandle } from './day-service.ts';
import { readMeshSettings } from '../../crdt/settings.ts';
import type { DocHost } from '../docs/doc-host.ts';
import { LOCAL } from '../docs/origins.ts';
import type { Logger } from '../log.ts';
import type { CountingReporter } from './invalid-records.ts';
import type { SalesJournal } from '../storage/journal.ts';
import type { TillState } from '../storage/till-state.ts';
import type { TransactionOptions, UpdateStore } from '../storage/update-store.ts';
import type { PrintQueueStore } from '../../devices/printer/print-queue-store.ts';
import type { RecordSigner } from '../../crdt/signing.ts';
import type { TillRegistry } from '../../crdt/identities.ts';
import type { ManagerApproval } from '../auth/manager-approval.ts';
import type { OwnRecordsGuard } from '../docs/own-records-guard.ts';
import { DayView } from '../../crdt/day.ts';
import type { DocRef } from '../../crdt/documents.ts';
import { parseDocName, writerTag } from '../../crdt/documents.ts';

export interface TillContext {
  code: TillCode;
  docs: DocHost;
  store: UpdateStore;
  clock: HybridClock;
  journal: SalesJournal;
  state: TillState;
  /** The receipt printer's durable queue, in the same database as the sales. */
  printJobs: PrintQueueStore;
  catalogue: CatalogueIndex;
  catalogueDoc: Y.Doc;
  staff: StaffDirectory;
  staffDoc: Y.Doc;
  settingsDoc: Y.Doc;
  report: CountingReporter;
  log: Logger;
  now: () => number;
  /** Signs what this till writes, with its identity key. */
  signer: RecordSigner;
  /** The mesh's tills and their keys: who may have written what. */
  registry: TillRegistry;
  /** A manager's PIN on the spot, for what a cashier may not do alone. */
  approvals: ManagerApproval;
  /** Writes back this till's records when a peer deletes or overwrites them. */
  guard: OwnRecordsGuard;
}

/**
 * A day document, read with the mesh's trust: this till's own days by its own key,
 * the others' by their code's owner, or by `writer` when it is named (a duplicate's).
 */
export function dayView(ctx: TillContext, doc: Y.Doc, name: string, writer?: string): DayView {
  const own = isOwnDay(ctx, parseDocName(name));
  const as = writer ?? (own ? ctx.signer.peerId : undefined);
  return new DayView(doc, name, ctx.report, ctx.registry, as);
}

/** A day this till writes: its code and its key's tag (a day of an older posmesh names no tag). */
export function isOwnDay(ctx: TillContext, ref: DocRef | undefined): boolean {
  return (
    ref?.kind === 'day' &&
    ref.till === ctx.code &&
    (ref.writer === undefined || ref.writer === writerTag(ctx.signer.peerId))
  );
}

/**
 * Whether this till counts an order it journaled: its own, or signed by the till
 * that owns the order's code now (as a day is read). A duplicate's day journaled
 * before its code's owner was heard of stays in the journal, counted nowhere but
 * on the duplicate. Rows from before orders were signed name no signer: counted.
 */
export function countedHere(ctx: TillContext, order: Order): boolean {
  const { signer } = order;
  return (
    signer === undefined ||
    signer === ctx.signer.peerId ||
    signer === ctx.registry.ownerOf(order.till)
  );
}

export const meshSettings = (ctx: TillContext): MeshSettings =>
  readMeshSettings(ctx.settingsDoc, ctx.report);

/** The context of a new order made on this till's open day by `actor`. */
export function newOrderContext(
  ctx: TillContext,
  day: OpenDayHandle,
  actor: Actor,
): NewOrderContext {
  return {
    id: newId<OrderId>(),
    till: ctx.code,
    businessDate: day.view.meta()?.businessDate ?? '',
    at: ctx.clock.now(),
    by: staffRef(actor),
    newLineId: () => newId<LineId>(),
  };
}

/**
 * Changes documents (and anything else in `fn`) in one durable commit; peers and
 * the UI hear of it only after it is on disk.
 */
export function commit<T>(
  ctx: TillContext,
  doc: Y.Doc,
  fn: () => T,
  options?: TransactionOptions,
): T {
  return ctx.docs.transact(() => {
    let result!: T;
    doc.transact(() => {
      result = fn();
    }, LOCAL);
    return result;
  }, options);
}

/** An open cart's edits are not business yet: they need not wait for the disk (see UpdateStore). */
export const CART_EDIT: TransactionOptions = { relaxed: true };
