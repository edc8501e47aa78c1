import { createResource, For, onCleanup, Show } from 'solid-js';
import type { DayReport } from '../../../../crdt/report.ts';
import type { MeshStatus } from '../../../../crdt/status.ts';
import type { TransferState } from '../../../../crdt/transfers.ts';
import { api } from '../../lib/api.ts';
import { follow } from '../../lib/live.ts';
import { useSession } from '../../app/session.tsx';
import { money } from '../../i18n/i18n.ts';
import { describeDevices } from '../../components/DeviceBar.tsx';
import { HeldTickets } from './HeldTickets.tsx';
import { Integrity } from './Integrity.tsx';
import type { IntegrityStatus } from './Integrity.tsx';
import type { DeviceStatus } from '../../../../crdt/status.ts';

interface TillStatus extends IntegrityStatus {
  till: { code: string; name: string; peerId: string };
  day: { businessDate: string; paid: number; openCarts: number } | null;
  docs: Array<{ name: string; bytes: number; updates: number }>;
  journal: { orders: number; days: number };
  mesh?: MeshStatus;
  devices?: DeviceStatus[];
}

/** A till whose clock is this far off stamps its records wrongly: worth fixing. */
const CLOCK_WARN_MS = 60_000;
const clockText = (offset: number | null) =>
  offset === null
    ? '—'
    : Math.abs(offset) < CLOCK_WARN_MS
      ? 'in step'
      : `${Math.round(Math.abs(offset) / 1000)} s ${offset > 0 ? 'ahead' : 'behind'}`;

const ago = (iso: string | null) =>
  iso ? `${Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000))} s ago` : 'never';

/** The manager's view of the mesh: tills, their sync state, the day's totals, the transfer queue. */
export function StatusScreen() {
  const session = useSession();
  const props = {
    transfers: session.transfers,
    day: follow(session.day()?.day?.doc ?? 'settings'),
  };
  const [status, { refetch }] = createResource(() => api<TillStatus>('GET', '/api/status'));
  const timer = setInterval(() => void refetch(), 2000);
  onCleanup(() => clearInterval(timer));
  const [report] = createResource(
    () => props.day.version(),
    () => api<DayReport>('GET', '/api/reports/x').catch(() => undefined),
  );
  const [queue] = createResource(
    () => props.transfers.version(),
    () => api<TransferState[]>('GET', '/api/transfers'),
  );
  return (
    <section class="status">
      <Show when={status()} fallback={<p class="working">Reading the till's status…</p>}>
        {(s) => (
          <>
            <h2>
              Till {s().till.code} — {s().till.name}
            </h2>
            <p>
              Mesh {s().mesh?.meshId ?? '—'} · {s().journal.orders} journaled orders ·{' '}
              {s().journal.days} closed days
            </p>
            <p>Devices: {describeDevices(s().devices)}</p>
            <Integrity status={s()} />
            <h3>Tills</h3>
            <table class="peers">
              <thead>
                <tr>
                  <th>Till</th>
                  <th>State</th>
                  <th>Last seen</th>
                  <th>Last sync</th>
                  <th>Round trip</th>
                  <th>Behind on</th>
                  <th>Signed in</th>
                  <th>Devices</th>
                  <th>Clock</th>
                </tr>
              </thead>
              <tbody>
                <For
                  each={s().mesh?.peers}
                  fallback={
                    <tr>
                      <td colSpan={9}>No other till seen yet.</td>
                    </tr>
                  }
                >
                  {(p) => (
                    <tr>
                      <td>{p.till ?? p.peerId.slice(-8)}</td>
                      <td classList={{ up: p.connected, down: !p.connected }}>
                        {p.connected ? 'connected' : 'not connected'}
                      </td>
                      <td>{ago(p.lastSeen)}</td>
                      <td>{ago(p.lastSync)}</td>
                      <td>{p.rttMs === null ? '—' : `${p.rttMs} ms`}</td>
                      <td>{p.behind.length ? p.behind.join(', ') : 'up to date'}</td>
                      <td>
                        {s()
                          .mesh?.online.find((o) => o.till === p.till)
                          ?.staff.join(', ') || '—'}
                      </td>
                      <td>
                        {describeDevices(s().mesh?.online.find((o) => o.till === p.till)?.devices)}
                      </td>
                      <td classList={{ down: Math.abs(p.clockOffsetMs ?? 0) >= CLOCK_WARN_MS }}>
                        {clockText(p.clockOffsetMs)}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </>
        )}
      </Show>
      <Show when={report()}>
        {(r) => (
          <>
            <h3>Today on this till ({r().businessDate})</h3>
            <p>
              {r().sales.count} sales, {money(r().sales.total)} · {r().refunds.count} refunds · net{' '}
              {money(r().net)} · cash expected {money(r().cash.expected)}
            </p>
          </>
        )}
      </Show>
      <HeldTickets />
      <h3>Transfer queue</h3>
      <table class="queue">
        <tbody>
          <For
            each={queue()}
            fallback={
              <tr>
                <td>No transfers.</td>
              </tr>
            }
          >
            {(t) => (
              <tr>
                <td>{t.from}</td>
                <td>{t.status}</td>
                <td>{money(t.cart.totals.total)}</td>
                <td>{t.timeline.map((e) => `${e.step} ${e.till}`).join(' → ')}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
