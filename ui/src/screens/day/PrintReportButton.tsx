/**
 * Prints the report on this till's receipt printer: the open day's X report as
 * it is now, or a closed day's Z report from the journal. It is queued like a
 * receipt, so a printer that is away prints it when it is back.
 */
import type { QueuedTicket } from '../../../../crdt/api-types.ts';
import type { DayReport } from '../../../../crdt/report.ts';
import { toast } from '../../components/Toasts.tsx';
import { t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';

export function PrintReportButton(props: { report: DayReport }) {
  const name = () => t(props.report.closed ? 'report.z' : 'report.x');
  const print = async () => {
    const path = props.report.closed
      ? `/api/reports/z/${encodeURIComponent(props.report.businessDate)}/print`
      : '/api/reports/x/print';
    const job = await run(t('report.printing'), () => api<QueuedTicket>('POST', path));
    if (job) toast('success', t('report.printQueued', { report: name() }));
  };
  return (
    <button
      type="button"
      class="print-report"
      aria-label={`${t('report.print')} · ${name()}`}
      onClick={() => void print()}
    >
      {t('report.print')}
    </button>
  );
}
