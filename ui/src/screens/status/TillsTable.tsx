/**
 * Every till of the shop in one table: whether this till hears it, where it
 * is, when it was last seen and last in sync (a till that is away shows when
 * it last was, never "up to date"), how far behind it is, who is signed in
 * there, its devices and this till's day.
 */
import { For } from 'solid-js';
import type { LiveDayTotals, TillStatus } from '../../../../crdt/api-types.ts';
import type { MeshPeerStatus } from '../../../../crdt/status.ts';
import type { TillInfo } from '../../../../crdt/schema.ts';
import type { DayReport } from '../../../../crdt/report.ts';
import { describeDevices } from '../../components/DeviceBar.tsx';
import { formatAgo, money, t } from '../../i18n/i18n.ts';

/** A till whose clock is this far off stamps its records wrongly: worth fixing. */
const CLOCK_WARN_MS = 60_000;

/** An address without its peer id: the host and port are what a person checks. */
const where = (addresses: readonly string[] | undefined) =>
  addresses?.map((a) => a.replace(/\/p2p\/.*$/, '')).join(', ') || '—';

const ago = (iso: string | null) =>
  iso ? formatAgo(Math.max(0, Date.now() - Date.parse(iso))) : null;

function syncText(p: MeshPeerStatus): string {
  if (!p.lastSync) return t('status.neverSynced');
  const when = ago(p.lastSync)!;
  return p.connected ? when : t('status.lastInSync', { ago: when });
}

function lagText(p: MeshPeerStatus): string {
  const parts = [
    // only a connected till that reported everything is up to date
    p.connected && p.lastSync && !p.behind.length
      ? t('status.upToDate')
      : p.behind.length
        ? t('status.behind', { docs: p.behind.join(', ') })
        : '',
    p.rttMs === null ? '' : t('status.rtt', { ms: p.rttMs }),
  ];
  return parts.filter(Boolean).join(' · ') || '—';
}

function clockText(offset: number | null): string {
  if (offset === null) return '—';
  const seconds = Math.round(Math.abs(offset) / 1000);
  if (Math.abs(offset) < CLOCK_WARN_MS) return t('status.clockInStep');
  return t(offset > 0 ? 'status.clockAhead' : 'status.clockBehind', { seconds });
}

/** The open day of a till, as this till holds it (its latest session), or that none is open. */
function dayText(days: LiveDayTotals[], code: string): string {
  const open = days
    .filter((d) => d.till === code && !d.closed)
    .sort((a, b) => b.businessDate.localeCompare(a.businessDate) || b.session - a.session)[0];
  return open
    ? t('status.dayTotals', { count: open.sales, total: money(open.salesTotal) })
    : t('status.dayClosed');
}

export function TillsTable(props: { status: TillStatus; tills: TillInfo[]; today?: DayReport }) {
  const mesh = () => props.status.mesh;
  const self = () => props.status.till.code;
  const peerOf = (code: string) => mesh()?.peers.find((p) => p.till === code);
  const presence = (code: string) => mesh()?.online.find((o) => o.till === code);
  const others = () => {
    const codes = new Set<string>(props.tills.map((x) => x.code));
    for (const p of mesh()?.peers ?? []) if (p.till) codes.add(p.till);
    codes.delete(self());
    return [...codes].sort();
  };
  const name = (code: string) => props.tills.find((x) => x.code === code)?.name ?? '';
  return (
    <table class="tills">
      <thead>
        <tr>
          <For
            each={
              [
                'till',
                'state',
                'address',
                'lastSeen',
                'lastSync',
                'lag',
                'staff',
                'devices',
                'day',
                'clock',
              ] as const
            }
          >
            {(col) => <th scope="col">{t(`status.col.${col}`)}</th>}
          </For>
        </tr>
      </thead>
      <tbody>
        <tr class="self">
          <th scope="row">
            {self()} <small>{props.status.till.name}</small>
          </th>
          <td class="up">{t('status.self')}</td>
          <td>{where(mesh()?.listen)}</td>
          <td>—</td>
          <td>—</td>
          <td>—</td>
          <td>{presence(self())?.staff.join(', ') || '—'}</td>
          <td>{describeDevices(props.status.devices)}</td>
          <td>
            {props.today
              ? t('status.dayTotals', {
                  count: props.today.sales.count,
                  total: money(props.today.sales.total),
                })
              : t('status.dayClosed')}
          </td>
          <td>—</td>
        </tr>
        <For
          each={others()}
          fallback={
            <tr>
              <td colSpan={10}>{t('status.noPeers')}</td>
            </tr>
          }
        >
          {(code) => {
            const p = () => peerOf(code);
            return (
              <tr classList={{ away: !p()?.connected }}>
                <th scope="row">
                  {code} <small>{name(code)}</small>
                </th>
                <td classList={{ up: !!p()?.connected, down: !p()?.connected }}>
                  {t(p()?.connected ? 'status.connected' : 'status.notConnected')}
                </td>
                <td>{where(p()?.addresses)}</td>
                <td>{ago(p()?.lastSeen ?? null) ?? t('status.neverSeen')}</td>
                <td>{p() ? syncText(p()!) : t('status.neverSynced')}</td>
                <td>{p() ? lagText(p()!) : '—'}</td>
                <td>{presence(code)?.staff.join(', ') || '—'}</td>
                <td>{describeDevices(presence(code)?.devices)}</td>
                <td>{dayText(props.status.days, code)}</td>
                <td classList={{ down: Math.abs(p()?.clockOffsetMs ?? 0) >= CLOCK_WARN_MS }}>
                  {clockText(p()?.clockOffsetMs ?? null)}
                </td>
              </tr>
            );
          }}
        </For>
      </tbody>
    </table>
  );
}
