/**
 * Receipts the printer holds for a decision (too old when the printer came back,
 * or their order could not be read): print them now, or discard them. Nothing
 * is printed in the morning that nobody asked for.
 */
import { createResource, For, onCleanup, Show } from 'solid-js';
import { api } from '../../lib/api.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { run } from '../../lib/run.ts';

interface Job {
  id: number;
  kind: 'receipt' | 'copy';
  label: string;
  state: string;
  createdAt: number;
  lastError: string | null;
}

export function HeldTickets() {
  const [jobs, { refetch }] = createResource(() =>
    api<Job[]>('GET', '/api/devices/printer/jobs').catch(() => [] as Job[]),
  );
  const timer = setInterval(() => void refetch(), 3000);
  onCleanup(() => clearInterval(timer));
  const held = () => (jobs() ?? []).filter((j) => j.state === 'held');
  const decide = (job: Job, what: 'print' | 'discard') =>
    run(
      t(what === 'print' ? 'held.printing' : 'held.discarding', { label: job.label }),
      async () => {
        await api('POST', `/api/devices/printer/jobs/${job.id}/${what}`);
        await refetch();
      },
    );
  return (
    <Show when={held().length > 0}>
      <h3>{t('held.title', { count: held().length })}</h3>
      <table class="held">
        <tbody>
          <For each={held()}>
            {(job) => (
              <tr>
                <td>{job.label}</td>
                <td>{t(job.kind === 'copy' ? 'held.copy' : 'held.receipt')}</td>
                <td>{formatDateTime(job.createdAt)}</td>
                <td>{job.lastError}</td>
                <td>
                  <button type="button" onClick={() => void decide(job, 'print')}>
                    {t('held.print')}
                  </button>{' '}
                  <button type="button" onClick={() => void decide(job, 'discard')}>
                    {t('held.discard')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
