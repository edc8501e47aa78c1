/** The relay as this till sees it: in reach or not, and how its archive is doing (from its presence). */
import { Show } from 'solid-js';
import type { TillStatus } from '../../../../crdt/api-types.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';

export function RelayPanel(props: { status: TillStatus }) {
  const relay = () => props.status.mesh?.online.find((o) => o.role === 'relay');
  return (
    <Show when={relay()} fallback={<p class="hint">{t('status.relay.none')}</p>}>
      {(r) => (
        <p classList={{ down: !!r().archive?.error, up: !r().archive?.error }}>
          {r().archive?.error
            ? t('status.relay.failing', { name: r().name, error: r().archive!.error! })
            : t('status.relay.archive', {
                name: r().name,
                last: r().archive?.lastArchivedAt
                  ? formatDateTime(r().archive!.lastArchivedAt!)
                  : t('status.relay.never'),
                pending: r().archive?.pending ?? 0,
                lag: Math.round((r().archive?.lagMs ?? 0) / 1000),
              })}
        </p>
      )}
    </Show>
  );
}
