/**
 * A till: its database, live documents, clock and services, opened from a
 * config. Everything here is synchronous SQLite and in-memory Yjs; the network
 * layers (API, mesh) attach to it.
 */
import type { SettingsResponse, TillStatus } from '../../crdt/api-types.ts';

import { join } from 'node:path';
import type * as Y from 'yjs';
import { CatalogueIndex } from '../../crdt/catalogue.ts';
import {
  CATALOGUE_DOC,
  parseDocName,
  SETTINGS_DOC,
  STAFF_DOC,
  REFUNDS_DOC,
  TRANSFERS_DOC,
  SETTINGS,
  TRANSFERS,
  REFUNDS,
} from '../../crdt/documents.ts';
import { StaffDirectory } from '../../crdt/staff.ts';
import { StaffService } from './staff-service.ts';
import { HybridClock } from '../../crdt/hlc.ts';
import type { TillCode } from '../../crdt/ids.ts';
import { readTills } from '../../crdt/settings.ts';
import { loadOrCreateOperatorToken, TillAuth } from '../auth/till-auth.ts';
import type { TillConfig } from '../config/load-config.ts';
import { ensureDataDir } from '../config/load-config.ts';
import { DocHost } from '../docs/doc-host.ts';
import type { TillIdentity } from '../identity.ts';
import { loadOrCreateIdentity } from '../identity.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../storage/database.ts';
import { openDatabase } from '../storage/database.ts';
import { SalesJournal } from '../storage/journal.ts';
import { SqliteUpdateStore } from '../storage/sqlite-update-store.ts';
import { TillState } from '../storage/till-state.ts';
import { TillRegistry } from '../../crdt/identities.ts';
import { IdentityService } from './identity-service.ts';
import { OwnRecordsGuard } from '../docs/own-records-guard.ts';
import { ManagerApproval } from '../auth/manager-approval.ts';
import type { MeshMembership } from './identity-service.ts';
import { ed25519, tillSigner } from '../signatures.ts';
import { SqlitePrintQueueStore } from '../storage/sqlite-print-queue-store.ts';
import { CatalogueService } from './catalogue-service.ts';
import type { TillContext } from './context.ts';
import { commit, meshSettings } from './context.ts';
import { DayService } from './day-service.ts';
import { invalidRecordLogger } from './invalid-records.ts';
import { SalesService } from './sales-service.ts';
import { RefundService } from './refund-service.ts';
import { TransferService } from './transfer-service.ts';
import { TransferRetention, trustedRelays } from './transfer-retention.ts';
import { JournalRetention } from './journal-retention.ts';
import { seedDemo, seedSettings } from './seed.ts';
import { writeMeshSettings, writeTill } from '../../crdt/settings.ts';
import type { MeshSettings, TillInfo, TillRoles, UiLanguage } from '../../crdt/schema.ts';
import { conflict, notFound } from '../../crdt/errors.ts';
import type { Actor } from '../auth/sessions.ts';
import { requireManager, staffRef } from './access.ts';

/** The parts of the status a running daemon's services add. */
type StatusSection = 'mesh' | 'devices';

export const DATABASE_FILE = 'posmesh.db';

export interface OpenTillOptions {
  config: TillConfig;
  log: Logger;
  /** The mesh this till runs in; only the till that made it seeds its settings. */
  mesh?: MeshMembership;
  /** A write that could not be made durable: the default ends the process. */
  onFatal?: (error: unknown) => void;
  now?: () => number;
}

export class Till {
  readonly days: DayService;
  readonly sales: SalesService;
  readonly refunds: RefundService;
  readonly transfers: TransferService;
  readonly retention: TransferRetention;
  readonly journalRetention: JournalRetention;
  readonly catalogue: CatalogueService;
  readonly staff: StaffService;
  readonly auth: TillAuth;
  private readonly startedAt: number;
  private readonly statusProviders = new Map<StatusSection, () => unknown>();

  private constructor(
    readonly config: TillConfig,
    readonly ctx: TillContext,
    readonly identity: TillIdentity,
    readonly registration: IdentityService,
    private readonly db: Db,
    operatorToken: string,
  ) {
    this.startedAt = ctx.now();
    this.auth = new TillAuth(ctx.staff, operatorToken, ctx.log.child('auth'));
    this.days = new DayService(ctx);
    this.transfers = new TransferService(ctx, this.days);
    this.retention = new TransferRetention(
      ctx,
      () => this.transfers.all(),
      trustedRelays(config.mesh.relays),
      ed25519,
    );
    this.journalRetention = new JournalRetention(
      ctx,
      db,
      trustedRelays(config.mesh.relays),
      ed25519,
      config.journal,
    );
    this.sales = new SalesService(ctx, this.days, this.transfers);
    this.refunds = new RefundService(ctx, this.days, this.sales);
    this.catalogue = new CatalogueService(ctx);
    this.staff = new StaffService(ctx);
  }

  static async open(options: OpenTillOptions): Promise<Till> {
    const { config, log } = options;
    const now = options.now ?? Date.now;
    const onFatal =
      options.onFatal ??
      ((error: unknown) => {
        log.fatal(
          'a write could not be made durable; stopping so nothing is acknowledged that is not on disk',
          { error },
        );
        process.exit(70);
      });
    ensureDataDir(config);
    const identity = await loadOrCreateIdentity(config.dataDir);
    const operatorToken = loadOrCreateOperatorToken(config.dataDir);
    const db = openDatabase(join(config.dataDir, DATABASE_FILE));
    const store = new SqliteUpdateStore(db);
    const docs = new DocHost({ store, log: log.child('docs'), onFatal });
    const report = invalidRecordLogger(log.child('records'));
    const signer = tillSigner(identity);
    const catalogueDoc = docs.open(CATALOGUE_DOC);
    const settingsDoc = docs.open(SETTINGS_DOC);
    const staffDoc = docs.open(STAFF_DOC);
    const guard = new OwnRecordsGuard({
      self: signer.peerId,
      check: ed25519,
      report,
      log: log.child('guard'),
      transact: (fn) => docs.transact(fn),
    });
    guard.records(settingsDoc, SETTINGS_DOC, SETTINGS.identities);
    guard.logs(docs.open(TRANSFERS_DOC), TRANSFERS_DOC, TRANSFERS.transfers);
    guard.logs(docs.open(REFUNDS_DOC), REFUNDS_DOC, REFUNDS.requests);
    for (const entry of store.listDocs('live')) if (parseDocName(entry.name)) docs.open(entry.name);
    const staff = new StaffDirectory(staffDoc, report);
    const clock = new HybridClock(config.till.code, now);
    const journal = new SalesJournal(db);
    const ctx: TillContext = {
      code: config.till.code,
      docs,
      store,
      clock,
      journal,
      state: new TillState(db),
      printJobs: new SqlitePrintQueueStore(db),
      catalogue: new CatalogueIndex(catalogueDoc, report),
      catalogueDoc,
      staff,
      staffDoc,
      settingsDoc,
      report,
      log,
      now,
      signer,
      registry: new TillRegistry(settingsDoc, ed25519, report),
      approvals: new ManagerApproval(staff, log.child('approvals')),
      guard,
    };
    const latest = journal.latestTimestamp();
    if (latest) clock.observe(latest);
    const registration = new IdentityService(ctx, options.mesh);
    seedSettings(ctx, config, registration.founder);
    registration.register(config.till.name);
    if (config.demo) seedDemo(ctx);
    const till = new Till(config, ctx, identity, registration, db, operatorToken);
    const lastEdit = till.days.current()?.view.latestOrderStamp();
    if (lastEdit) clock.observe(lastEdit);
    log.info('till opened', {
      till: config.till.code,
      peerId: identity.peerId,
      dataDir: config.dataDir,
      day: till.days.current()?.name ?? null,
      products: ctx.catalogue.productCount,
    });
    return till;
  }

  get code(): TillCode {
    return this.ctx.code;
  }

  doc(name: string): Y.Doc | undefined {
    return this.ctx.docs.get(name);
  }

  settings(): SettingsResponse {
    return {
      mesh: meshSettings(this.ctx),
      tills: readTills(this.ctx.settingsDoc, this.ctx.report),
    };
  }

  updateSettings(actor: Actor, patch: Partial<MeshSettings>): MeshSettings {
    requireManager(actor, 'changing mesh settings');
    const current = meshSettings(this.ctx);
    if (patch.currency !== undefined && patch.currency !== current.currency && this.hasSold()) {
      // amounts in the catalogue, the journal and every report are in the old currency
      throw conflict(
        'CURRENCY_LOCKED',
        `the currency is ${current.currency} and ${this.code} has sold in it; it cannot change`,
      );
    }
    commit(this.ctx, this.ctx.settingsDoc, () =>
      writeMeshSettings(this.ctx.settingsDoc, patch, {
        at: this.ctx.clock.now(),
        by: staffRef(actor),
      }),
    );
    this.ctx.log.info('mesh settings changed', { fields: Object.keys(patch), by: actor.id });
    return meshSettings(this.ctx);
  }

  private hasSold(): boolean {
    return (
      this.ctx.journal.counts().orders > 0 || (this.days.current()?.view.orders().length ?? 0) > 0
    );
  }

  setTillRoles(actor: Actor, code: string, roles: TillRoles): void {
    this.editTill(actor, code, 'roles', { roles });
  }

  /** The language of a till's screen; the till itself switches as soon as its settings say so. */
  setTillLanguage(actor: Actor, code: string, language: UiLanguage): void {
    this.editTill(actor, code, 'language', { language });
  }

  /** A manager's change to one till's record in the mesh settings. */
  private editTill(
    actor: Actor,
    code: string,
    what: 'roles' | 'language',
    patch: Partial<TillInfo>,
  ): void {
    requireManager(actor, `changing a till's ${what}`);
    const till = readTills(this.ctx.settingsDoc, this.ctx.report).find((t) => t.code === code);
    if (!till) throw notFound('UNKNOWN_TILL', `no till ${code} in the mesh settings`);
    commit(this.ctx, this.ctx.settingsDoc, () =>
      writeTill(this.ctx.settingsDoc, {
        ...till,
        ...patch,
        updatedAt: this.ctx.clock.now(),
        updatedBy: staffRef(actor),
      }),
    );
    this.ctx.log.info(`till ${what} changed`, { till: code, ...patch, by: actor.id });
  }

  /** Adds a section to the status (the mesh adds its peers). */
  provideStatus<K extends StatusSection>(
    section: K,
    provider: () => NonNullable<TillStatus[K]>,
  ): void {
    this.statusProviders.set(section, provider);
  }

  status(): TillStatus {
    const day = this.days.current();
    const meta = day?.view.meta();
    const orders = day?.view.orders() ?? [];
    return {
      till: { code: this.code, name: this.config.till.name, peerId: this.identity.peerId },
      identity: this.registration.status(),
      books: {
        /** Refunds of one sale that together pass it: made provisionally, apart. */
        refundConflicts: this.refunds.conflicts(),
        invalidRecords: this.ctx.report.recent(),
      },
      clock: { cappedStamps: this.ctx.clock.capped },
      day: meta
        ? {
            doc: day?.name,
            businessDate: meta.businessDate,
            session: meta.session,
            openedAt: meta.openedAt,
            openedBy: meta.openedBy.name,
            paid: orders.filter((o) => o.status === 'paid').length,
            openCarts: orders.filter((o) => o.status === 'open').length,
          }
        : null,
      days: this.sales.liveDayTotals(),
      carriedOver: this.days.carriedOver().length,
      docs: this.ctx.store.listDocs('live'),
      catalogue: {
        products: this.ctx.catalogue.productCount,
        invalidRecords: this.ctx.report.count(),
      },
      journal: this.ctx.journal.counts(),
      uptimeMs: this.ctx.now() - this.startedAt,
      memory: { rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed },
      ...(Object.fromEntries(
        [...this.statusProviders].map(([name, provide]) => [name, provide()]),
      ) as Pick<TillStatus, 'mesh' | 'devices'>),
    };
  }

  close(): void {
    this.ctx.catalogue.destroy();
    this.ctx.staff.destroy();
    this.ctx.docs.close();
    if (this.db.open) this.db.close();
    this.ctx.log.info('till closed', { till: this.code });
  }
}
