/**
 * The till's hardware proxy: prints a receipt when an order is paid (queued in
 * the payment's own commit, printed once it is on disk), opens the drawer on
 * cash, keeps the customer displays in step with the cart, feeds serial scans
 * to the cart on screen, and reports every device's state.
 */
import { conflict, notFound } from '../../crdt/errors.ts';
import type { DrawerOpeningId, OrderId } from '../../crdt/ids.ts';
import { newId } from '../../crdt/ids.ts';
import type { DayReport } from '../../crdt/report.ts';
import type { DrawerOpening, Order } from '../../crdt/schema.ts';
import type { DeviceEvent, DeviceStatus } from '../../crdt/status.ts';
import type { Device } from '../../devices/device.ts';
import type {
  NewPrintJob,
  PrintJob,
  PrintQueueStore,
} from '../../devices/printer/print-queue-store.ts';
import { PrintWorker } from '../../devices/printer/print-worker.ts';
import type { Actor } from '../auth/sessions.ts';
import type { Logger } from '../log.ts';
import { requireManager, staffRef, SYSTEM } from '../till/access.ts';
import type { ApprovalPin } from '../auth/manager-approval.ts';
import { commit } from '../till/context.ts';
import { NoticeBoard } from '../till/notice-board.ts';
import type { Till } from '../till/till.ts';
import type { Devices } from './build-devices.ts';
import { buildDevices } from './build-devices.ts';
import { DisplayFeed } from './display-feed.ts';
import { Receipts } from './receipts.ts';
import { isReportTicket, reportLabel, ReportTickets } from './report-tickets.ts';
import { ScanRouter } from './scan-router.ts';
import { ScreenFocus } from './screen-focus.ts';

export class DeviceService {
  readonly events = new NoticeBoard<DeviceEvent>();
  readonly focus: ScreenFocus;
  readonly receipts: Receipts;
  private readonly reports: ReportTickets;
  readonly feed: DisplayFeed;
  private readonly worker: PrintWorker | undefined;
  private readonly scans: ScanRouter;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly till: Till,
    readonly devices: Devices,
    private readonly jobs: PrintQueueStore,
    private readonly log: Logger,
  ) {
    this.focus = new ScreenFocus((token) => till.auth.resolve(token));
    this.receipts = new Receipts(till, devices.receipt);
    this.reports = new ReportTickets(till, devices.receipt);
    this.feed = new DisplayFeed(devices.displays, {
      welcome: devices.welcome,
      shopName: () => till.settings().mesh.shopName,
      idleMs: devices.idleMs,
    });
    this.scans = new ScanRouter(till, this.focus, this.events, this.feed, log.child('scanner'));
    const { printer, drawer } = devices;
    this.worker = printer
      ? new PrintWorker({
          store: jobs,
          printer,
          render: (job) =>
            isReportTicket(job) ? this.reports.render(job) : this.receipts.render(job),
          staleAfterMs: devices.staleAfterMs,
          log: log.child('printer'),
          now: () => till.ctx.now(),
          drawer: drawer && {
            pulse: drawer.pulse,
            open: () => drawer.open(),
            kickWithinMs: devices.drawerKickWithinMs,
            kicked: (job) => this.drawerKicked(job),
          },
        })
      : undefined;
  }

  static create(till: Till, log: Logger): DeviceService {
    return new DeviceService(till, buildDevices(till.config, log), till.ctx.printJobs, log);
  }

  private all(): Device[] {
    const { printer, drawer, displays, scanner } = this.devices;
    const list: Array<Device | undefined> = [printer, drawer, ...displays, scanner];
    return list.filter((d): d is Device => d !== undefined);
  }

  async start(): Promise<void> {
    this.unsubscribe.push(
      this.till.sales.observe({
        paidInCommit: (order) => this.queueReceipt(order),
        committed: (order, before) => {
          this.feed.changed(order, before);
          if (order.status === 'paid') this.worker?.wake();
        },
      }),
    );
    for (const device of this.all()) {
      // the screen hears of a change of state, not of every successful use
      let told = '';
      this.unsubscribe.push(
        device.onStatus((status) => {
          const now = `${status.state}|${status.reason ?? ''}`;
          if (now === told) return;
          told = now;
          this.events.add({ type: 'device', status });
        }),
      );
    }
    if (this.devices.scanner)
      this.unsubscribe.push(this.devices.scanner.onScan((code) => this.scans.handle(code)));
    // a device that cannot start (unplugged) keeps retrying by itself: the till starts anyway
    await Promise.all(this.all().map((d) => d.start().catch(() => undefined)));
    this.worker?.start();
    this.feed.welcome();
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    this.feed.stop();
    await this.worker?.stop();
    await Promise.all(this.all().map((d) => d.stop()));
  }

  status(): DeviceStatus[] {
    return this.all().map((d) =>
      d === this.devices.printer && this.worker ? this.worker.status() : d.status(),
    );
  }

  onStatus(listener: () => void): () => void {
    const offs = [...this.all().map((d) => d.onStatus(listener))];
    if (this.worker) offs.push(this.worker.onChange(listener));
    return () => offs.forEach((off) => off());
  }

  printJobs(): PrintJob[] {
    return this.jobs.list({ limit: 100 });
  }

  reprint(actor: Actor, ref: string): PrintJob {
    const worker = this.requireWorker();
    const order = this.receipts.paidOrder(ref);
    const job = this.jobs.add({
      kind: 'copy',
      orderId: order.id,
      label: order.number ?? order.id,
      createdAt: this.till.ctx.now(),
      drawer: 'none',
    });
    this.log.info('receipt reprint', { order: order.number, by: actor.id, job: job.id });
    worker.wake();
    return job;
  }

  /** The open day's X report as it is now, queued like a receipt (an unplugged printer prints it later). */
  printXReport(actor: Actor): PrintJob {
    requireManager(actor, 'printing the X report');
    return this.queueReport(actor, this.till.days.xReport());
  }

  printZReport(actor: Actor, businessDate: string): PrintJob {
    requireManager(actor, 'printing a Z report');
    const report = this.till.days.zReport(businessDate);
    if (!report)
      throw notFound('NO_SUCH_DAY', `no closed business day ${businessDate} on ${this.till.code}`);
    return this.queueReport(actor, report);
  }

  testPrint(actor: Actor): PrintJob {
    requireManager(actor, 'printing a test page');
    return this.queueTicket(actor, {
      kind: 'test',
      label: `test ${this.till.code}`,
      payload: null,
    });
  }

  private queueReport(actor: Actor, report: DayReport): PrintJob {
    const label = reportLabel(report);
    return this.queueTicket(actor, { kind: 'report', label, payload: JSON.stringify(report) });
  }

  private queueTicket(actor: Actor, ticket: Pick<NewPrintJob, 'kind' | 'label' | 'payload'>) {
    const worker = this.requireWorker();
    const job = this.jobs.add({
      ...ticket,
      orderId: '',
      createdAt: this.till.ctx.now(),
      drawer: 'none',
    });
    this.log.info('ticket queued', { kind: job.kind, label: job.label, by: actor.id, job: job.id });
    worker.wake();
    return job;
  }

  releaseJob(actor: Actor, id: number): PrintJob {
    const job = this.requireWorker().release(id);
    this.log.info('held ticket released', { job: id, order: job.label, by: actor.id });
    return job;
  }

  discardJob(actor: Actor, id: number): PrintJob {
    const job = this.requireWorker().discard(id);
    this.log.info('held ticket discarded', { job: id, order: job.label, by: actor.id });
    return job;
  }

  /**
   * The drawer opened without a sale: a manager's decision, or a cashier's with
   * a manager's PIN; recorded with who, who approved and why.
   */
  async openDrawer(actor: Actor, reason: string, pin?: ApprovalPin): Promise<DrawerOpening> {
    const drawer = this.devices.drawer;
    if (!drawer)
      throw conflict('NO_DRAWER', `till ${this.till.code} has no cash drawer configured`);
    const approvedBy = this.till.settings().mesh.approvals.noSaleDrawer
      ? this.till.ctx.approvals.approver(actor, 'no-sale', 'opening the drawer without a sale', pin)
      : null;
    await drawer.open();
    return this.recordOpening({
      kind: 'no-sale',
      orderId: null,
      orderNumber: null,
      reason,
      by: staffRef(actor),
      approvedBy,
    });
  }

  /** Inside the payment's commit: the receipt is as durable as the sale. */
  private queueReceipt(order: Order): void {
    if (!this.devices.printer) return;
    const cash = order.payments.some((p) => p.method === 'cash');
    this.jobs.add({
      kind: 'receipt',
      orderId: order.id,
      label: order.number ?? order.id,
      createdAt: this.till.ctx.now(),
      drawer: cash && this.devices.drawer ? 'pending' : 'none',
    });
  }

  private drawerKicked(job: PrintJob): void {
    const order = this.till.sales.findOrder(job.orderId);
    this.recordOpening({
      kind: 'sale',
      orderId: job.orderId as OrderId,
      orderNumber: job.label,
      reason: order?.kind === 'refund' ? 'cash refund' : 'cash sale',
      by: order?.closedBy ?? SYSTEM,
      approvedBy: null,
    });
    void this.devices.drawer?.verify();
  }

  private recordOpening(fields: Omit<DrawerOpening, 'id' | 'at'>): DrawerOpening {
    const opening: DrawerOpening = {
      id: newId<DrawerOpeningId>(),
      at: this.till.ctx.clock.now(),
      ...fields,
    };
    const day = this.till.days.current();
    if (day) commit(this.till.ctx, day.doc, () => day.write.drawerOpening(opening));
    this.log.info('drawer opened', { ...fields, by: fields.by.name, day: day?.name ?? null });
    return opening;
  }

  private requireWorker(): PrintWorker {
    if (!this.worker)
      throw conflict('NO_PRINTER', `till ${this.till.code} has no receipt printer configured`);
    return this.worker;
  }
}
