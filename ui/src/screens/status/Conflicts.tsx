/**
 * What the manager must look at, highlighted, each with what to do: a
 * transfer paid by a till that did not hold it, a till code claimed by two
 * tills, refunds that together pass their sale, records written in another
 * till's name.
 */
import { For, Show } from 'solid-js';
import type { TillStatus } from '../../../../crdt/api-types.ts';
import type { TransferState } from '../../../../crdt/transfers.ts';
import { t } from '../../i18n/i18n.ts';
import { refOf } from '../transfers/transfer-data.ts';

export function Conflicts(props: { status: TillStatus; transfers: TransferState[] }) {
  const transferConflicts = () =>
    props.transfers.flatMap((s) => s.conflicts.map((c) => ({ state: s, conflict: c })));
  const forged = () => props.status.books.invalidRecords.filter((r) => r.signer);
  const count = () =>
    transferConflicts().length +
    props.status.identity.duplicates.length +
    props.status.books.refundConflicts.length +
    forged().length;
  return (
    <Show when={count() > 0}>
      <section class="conflicts" role="alert" aria-label={t('alert.title')}>
        <h3>
          {t('alert.title')} ({count()})
        </h3>
        <ul>
          <For each={transferConflicts()}>
            {({ state, conflict }) => (
              <li>
                {t('alert.transferConflict', {
                  ref: refOf(state),
                  till: conflict.till,
                  order: conflict.orderNumber,
                  reason: t(`alert.reason.${conflict.reason}`),
                })}
              </li>
            )}
          </For>
          <For each={props.status.identity.duplicates}>
            {(d) => (
              <li>
                {t('alert.duplicate', {
                  code: d.code,
                  owner: d.owner.name,
                  others: d.others.map((o) => `“${o.name}”`).join(', '),
                })}
              </li>
            )}
          </For>
          <For each={props.status.books.refundConflicts}>
            {(c) => (
              <li>
                {t('alert.refund', {
                  order: c.originalNumber,
                  line: c.line,
                  sold: c.sold,
                  refunded: c.refunded,
                  refunds: c.refunds.join(', '),
                })}
              </li>
            )}
          </For>
          <For each={forged()}>
            {(r) => (
              <li>
                {t('alert.forged', {
                  doc: r.doc,
                  key: r.key,
                  reason: r.reason,
                  signer: r.signer!.slice(-8),
                })}
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
