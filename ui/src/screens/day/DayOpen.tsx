/**
 * The open day: cash in and out, the X report kept live from the day's
 * document (a sale on the sale screen shows here at once), and the close.
 */
import { createResource, createSignal, Show } from 'solid-js';
import type { CloseResult, DaySummary } from '../../../../crdt/api-types.ts';
import type { DayReport } from '../../../../crdt/report.ts';
import { t } from '../../i18n/i18n.ts';
import { dayDate, stampTime } from './format.ts';
import { api } from '../../lib/api.ts';
import { follow } from '../../lib/live.ts';
import type { CashDirection } from './CashDialog.tsx';
import { CashDialog } from './CashDialog.tsx';
import { CloseDay } from './CloseDay.tsx';
import { ReportView } from './ReportView.tsx';

export function DayOpen(props: { day: DaySummary; onClosed: (result: CloseResult) => void }) {
  const live = follow(props.day.doc ?? 'settings');
  // the source is never 0: a resource does not fetch on a falsy source
  const [x, { refetch }] = createResource(
    () => live.version() + 1,
    () => api<DayReport>('GET', '/api/reports/x'),
  );
  const [cash, setCash] = createSignal<CashDirection>();
  return (
    <>
      <h2>{t('day.openTitle', { date: dayDate(props.day.businessDate) })}</h2>
      <p class="hint">
        {t('day.openedBy', { name: props.day.openedBy, at: stampTime(props.day.openedAt) })}
      </p>
      <div class="actions">
        <button type="button" onClick={() => setCash('in')}>
          {t('cash.in')}
        </button>
        <button type="button" onClick={() => setCash('out')}>
          {t('cash.out')}
        </button>
      </div>
      <Show when={x.latest} fallback={<p class="working">{t('report.loading')}</p>}>
        {(report) => (
          <div class="day-columns">
            <ReportView report={report()} printable />
            <CloseDay x={report()} onClosed={props.onClosed} />
          </div>
        )}
      </Show>
      <Show when={cash()} keyed>
        {(direction) => (
          <CashDialog
            direction={direction}
            onDone={() => {
              setCash(undefined);
              void refetch();
            }}
            onClose={() => setCash(undefined)}
          />
        )}
      </Show>
    </>
  );
}
