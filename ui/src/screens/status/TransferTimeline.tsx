/** Every step of one transfer, in order: when, what, at which till, by whom, and the order it made. */
import { For } from 'solid-js';
import { hlcWall } from '../../../../crdt/hlc.ts';
import type { TransferView } from '../../../../crdt/api-types.ts';
import { timelineOrderNumber } from '../../../../crdt/transfers.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { fromText, tillText } from '../transfers/transfer-data.ts';

export function TransferTimeline(props: { transfer: TransferView }) {
  return (
    <table class="timeline">
      <caption>{t('queue.timeline')}</caption>
      <thead>
        <tr>
          <For each={['time', 'step', 'till', 'who', 'order'] as const}>
            {(col) => <th scope="col">{t(`queue.col.${col}`)}</th>}
          </For>
        </tr>
      </thead>
      <tbody>
        <For each={props.transfer.timeline}>
          {(entry) => (
            <tr class={`step-${entry.step.replace(' ', '-')}`}>
              <td>{formatDateTime(hlcWall(entry.at))}</td>
              <td>{t(`queue.step.${entry.step}`)}</td>
              <td>{tillText(props.transfer, entry.till, entry.signer)}</td>
              <td>
                {entry.by
                  ? entry.by.name
                  : entry.step === 'confirmed'
                    ? t('queue.confirmedBy', { till: fromText(props.transfer) })
                    : '—'}
              </td>
              <td>{timelineOrderNumber(props.transfer, entry) ?? ''}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
