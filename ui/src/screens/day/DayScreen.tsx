/** The manager's day: open it with a float, run it, close it and read its Z report. */
import { createSignal, Match, Show, Switch } from 'solid-js';
import type { CloseResult } from '../../../../crdt/api-types.ts';
import { useSession } from '../../app/session.tsx';
import { toast } from '../../components/Toasts.tsx';
import { plural, t } from '../../i18n/i18n.ts';
import { dayDate } from './format.ts';
import { DayOpen } from './DayOpen.tsx';
import { OpenDay } from './OpenDay.tsx';
import { ReportView } from './ReportView.tsx';
import './day.css';

export function DayScreen() {
  const session = useSession();
  const [closed, setClosed] = createSignal<CloseResult>();
  const onClosed = (result: CloseResult) => {
    setClosed(result);
    session.refetchDay();
    toast('success', t('close.done', { date: dayDate(result.report.businessDate) }));
  };
  return (
    <section class="day-screen">
      <Switch>
        <Match when={closed()}>
          {(result) => (
            <>
              <h2>{t('close.doneTitle')}</h2>
              <Show when={result().carriedOver.length > 0}>
                <p>{plural('close.carriedOver', result().carriedOver.length)}</p>
              </Show>
              <div class="actions">
                <button type="button" class="primary" onClick={() => setClosed(undefined)}>
                  {t('day.openNext')}
                </button>
              </div>
              <ReportView report={result().report} printable />
            </>
          )}
        </Match>
        <Match when={session.day()?.day} keyed>
          {(day) => <DayOpen day={day} onClosed={onClosed} />}
        </Match>
        <Match when={session.day()}>
          <OpenDay onOpened={() => session.refetchDay()} />
        </Match>
      </Switch>
    </section>
  );
}
