/**
 * The manager's view of the mesh, live without a reload: what needs a
 * manager first, then every till with its sync state, people and devices,
 * the receipts held by the printer, and the transfer queue with each
 * transfer's payload and timeline. The status is the session's (polled every
 * 2 s), the transfers follow their document.
 */
import { createResource, Show } from 'solid-js';
import type { DayReport } from '../../../../crdt/report.ts';
import type { TransferState } from '../../../../crdt/transfers.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate, money, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { liveList } from '../transfers/transfer-data.ts';
import { Conflicts } from './Conflicts.tsx';
import { HeldTickets } from './HeldTickets.tsx';
import { RelayPanel } from './RelayPanel.tsx';
import { TillsTable } from './TillsTable.tsx';
import { TransferQueue } from './TransferQueue.tsx';
import './status.css';

export function StatusScreen() {
  const session = useSession();
  const transfers = liveList<TransferState>(session, () => '/api/transfers');
  // this till's X report, read again with every status poll (the day changes with each sale)
  const [report] = createResource(
    () => session.status()?.day?.paid ?? -1,
    (paid) =>
      paid < 0 ? undefined : api<DayReport>('GET', '/api/reports/x').catch(() => undefined),
  );
  return (
    <section class="status">
      <Show when={session.status()} fallback={<p class="working">{t('status.reading')}</p>}>
        {(s) => (
          <>
            <h2>{t('status.title', { code: s().till.code, name: s().till.name })}</h2>
            <p>
              {t('status.summary', {
                mesh: s().mesh?.meshId ?? '—',
                orders: s().journal.orders,
                days: s().journal.days,
              })}
            </p>
            <Conflicts status={s()} transfers={transfers.latest ?? []} />
            <h3>{t('status.relay')}</h3>
            <RelayPanel status={s()} />
            <h3>{t('status.tills')}</h3>
            <div class="scroll">
              <TillsTable
                status={s()}
                tills={session.settings()?.tills ?? []}
                today={report.latest}
              />
            </div>
          </>
        )}
      </Show>
      <Show when={report.latest}>
        {(r) => (
          <>
            <h3>
              {t('status.today', {
                date: formatDate(r().businessDate.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')),
              })}
            </h3>
            <p>
              {t('status.todayLine', {
                sales: r().sales.count,
                total: money(r().sales.total),
                refunds: r().refunds.count,
                net: money(r().net),
                cash: money(r().cash.expected),
              })}
            </p>
          </>
        )}
      </Show>
      <HeldTickets />
      <TransferQueue />
    </section>
  );
}
