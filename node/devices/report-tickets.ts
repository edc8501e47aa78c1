/**
 * The printer's tickets that are not sales: a day's X or Z report, kept in the
 * queue as it was when the manager asked (a report printed after the printer
 * came back still shows that moment), and the test page.
 */
import type { DayReport } from '../../crdt/report.ts';
import type { PrintJob } from '../../devices/printer/print-queue-store.ts';
import { receiptToEscPos } from '../../devices/receipt/receipt-escpos.ts';
import { reportLayout, testPageLayout } from '../../devices/receipt/report-layout.ts';
import type { TicketHeader } from '../../devices/receipt/report-layout.ts';
import type { Till } from '../till/till.ts';
import type { Devices } from './build-devices.ts';

export const isReportTicket = (job: PrintJob): boolean =>
  job.kind === 'report' || job.kind === 'test';

/** "X T1 2026-12-01" or "Z T1 2026-12-01": what people and file names call the ticket. */
export const reportLabel = (report: DayReport): string =>
  `${report.closed ? 'Z' : 'X'} ${report.till} ${report.businessDate}${report.session > 1 ? ` ${report.session}` : ''}`;

export class ReportTickets {
  constructor(
    private readonly till: Till,
    private readonly options: Devices['receipt'],
  ) {}

  render(job: PrintJob): Uint8Array {
    const header: TicketHeader = {
      shopName: this.till.settings().mesh.shopName,
      till: { code: this.till.code, name: this.till.config.till.name },
      columns: this.options.columns,
      at: job.createdAt,
    };
    if (job.kind === 'test') return receiptToEscPos(testPageLayout(header), this.options);
    if (!job.payload) throw new Error(`report ticket ${job.id} has no report`);
    const report = JSON.parse(job.payload) as DayReport;
    return receiptToEscPos(reportLayout(report, header), this.options);
  }
}
