/**
 * Closing the day: the manager counts each payment method against what the
 * till expects, sees the Z report the close would make (computed by the
 * daemon, variances included) and the open carts, then confirms.
 */
import { createSignal, For, Show } from 'solid-js';
import type { ClosePreview, CloseResult } from '../../../../crdt/api-types.ts';
import type { DayReport } from '../../../../crdt/report.ts';
import type { Counted } from '../../../../crdt/schema.ts';
import { paymentMethods } from '../../../../crdt/schema.ts';
import { toast } from '../../components/Toasts.tsx';
import { money, t, typedAmount } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';
import { methodName } from './format.ts';
import { ZPreviewDialog } from './ZPreviewDialog.tsx';

export function CloseDay(props: { x: DayReport; onClosed: (result: CloseResult) => void }) {
  const [typed, setTyped] = createSignal<Partial<Record<string, string>>>({});
  const [carryOver, setCarryOver] = createSignal(true);
  const [preview, setPreview] = createSignal<ClosePreview>();
  /** The typed counts in minor units; undefined when one of them is not an amount. */
  const counted = (): Counted | undefined => {
    const result: Counted = {};
    for (const method of paymentMethods) {
      const text = typed()[method]?.trim();
      if (!text) continue;
      try {
        result[method] = typedAmount(text);
      } catch {
        return undefined;
      }
    }
    return result;
  };
  const askPreview = async () => {
    const count = counted();
    if (!count) return toast('error', t('error.INVALID_AMOUNT'));
    const answer = await run(t('close.previewing'), () =>
      api<ClosePreview>('POST', '/api/day/close/preview', {
        counted: count,
        carryOver: carryOver(),
      }),
    );
    if (answer) setPreview(answer);
  };
  const confirm = async () => {
    const result = await run(t('close.closing'), () =>
      api<CloseResult>('POST', '/api/day/close', { counted: counted(), carryOver: carryOver() }),
    );
    setPreview(undefined);
    if (result) props.onClosed(result);
  };
  return (
    <section class="close-day" aria-labelledby="close-day-title">
      <h3 id="close-day-title">{t('close.title')}</h3>
      <table class="count">
        <thead>
          <tr>
            <th>{t('report.method')}</th>
            <th>{t('report.expected')}</th>
            <th>{t('close.counted')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={paymentMethods}>
            {(method) => (
              <tr>
                <th scope="row">{methodName(method)}</th>
                <td data-testid={`expected-${method}`}>{money(props.x.expected[method])}</td>
                <td>
                  <input
                    name={`counted-${method}`}
                    aria-label={t('close.countedOf', { method: methodName(method) })}
                    inputmode="decimal"
                    autocomplete="off"
                    placeholder={method === 'cash' ? t('close.cashNeeded') : t('close.optional')}
                    value={typed()[method] ?? ''}
                    onInput={(e) => setTyped({ ...typed(), [method]: e.currentTarget.value })}
                  />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.x.openCarts > 0}>
        <label class="choice">
          <input
            type="checkbox"
            name="carry-over"
            checked={carryOver()}
            onChange={(e) => setCarryOver(e.currentTarget.checked)}
          />
          {t('close.carryOver', { count: props.x.openCarts })}
        </label>
      </Show>
      <button
        type="button"
        class="primary"
        disabled={!typed().cash?.trim()}
        onClick={() => void askPreview()}
      >
        {t('close.preview')}
      </button>
      <Show when={preview()} keyed>
        {(p) => (
          <ZPreviewDialog
            preview={p}
            carryOver={carryOver()}
            onConfirm={() => void confirm()}
            onClose={() => setPreview(undefined)}
          />
        )}
      </Show>
    </section>
  );
}
