/** Opening the day with the float counted into the drawer. */
import { createSignal } from 'solid-js';
import { toast } from '../../components/Toasts.tsx';
import { t, typedAmount } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';

export function OpenDay(props: { onOpened: () => void }) {
  const [float, setFloat] = createSignal('');
  const open = async (event: Event) => {
    event.preventDefault();
    let minor: number;
    try {
      minor = typedAmount(float().trim() || '0');
    } catch {
      return toast('error', t('error.INVALID_AMOUNT'));
    }
    const opened = await run(t('day.opening'), () =>
      api('POST', '/api/day/open', { float: minor }),
    );
    if (opened) props.onOpened();
  };
  return (
    <form class="open-day" onSubmit={(e) => void open(e)}>
      <h2>{t('day.closedTitle')}</h2>
      <label>
        {t('day.float')}
        <input
          name="float"
          inputmode="decimal"
          autocomplete="off"
          value={float()}
          onInput={(e) => setFloat(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="primary">
        {t('day.open')}
      </button>
    </form>
  );
}
