/** Across the top of every screen: a till that must not sell says so, and why. */
import { Show } from 'solid-js';
import { useSession } from '../app/session.tsx';
import { t } from '../i18n/i18n.ts';

export function TillAlert() {
  const session = useSession();
  const identity = () => session.status()?.identity;
  return (
    <Show when={identity() && !identity()!.ownsCode}>
      <p class="till-alert" role="alert">
        {t('alert.codeTaken', { code: identity()!.code })}
      </p>
    </Show>
  );
}
