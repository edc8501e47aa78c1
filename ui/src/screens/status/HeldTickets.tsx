/**
 * Receipts the printer holds for a decision (too old when the printer came back,
 * or their order could not be read): print them now, or discard them. Nothing
 * is printed in the morning that nobody asked for.
 */
import { createResource, For, onCleanup, Show } from 'solid-js';
import { api } from '../../lib/api.ts';
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
    run(what === 'print' ? `Printing ${job.label}…` : `Discarding ${job.label}…`, async () => {
      await api('POST', `/api/devices/printer/jobs/${job.id}/${what}`);
      await refetch();
    });
  return (
    <Show when={held().length > 0}>
      <h3>Receipts held for a decision ({held().length})</h3>
      <table class="held">
        <tbody>
          <For each={held()}>
            {(job) => (
              <tr>
                <td>{job.label}</td>
                <td>{job.kind === 'copy' ? 'copy' : 'receipt'}</td>
                <td>{new Date(job.createdAt).toLocaleString()}</td>
                <td>{job.lastError}</td>
                <td>
                  <button type="button" onClick={() => void decide(job, 'print')}>
                    Print
                  </button>{' '}
                  <button type="button" onClick={() => void decide(job, 'discard')}>
                    Discard
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
