/** Signed out, the sign-in screen; signed in, the till. Locking hands the till to the next person. */
import { createResource, createSignal, onMount, Show } from 'solid-js';
import type { HealthResponse, Me } from '../../../crdt/api-types.ts';
import { t } from '../i18n/i18n.ts';
import { api, currentToken, setToken } from '../lib/api.ts';
import { LoginScreen } from '../screens/login/LoginScreen.tsx';
import { SessionProvider } from './session.tsx';
import { Shell } from './Shell.tsx';

export function App() {
  const [me, setMe] = createSignal<Me>();
  const [checked, setChecked] = createSignal(false);
  const [lockedBy, setLockedBy] = createSignal<string>();
  const [health] = createResource(() => api<HealthResponse>('GET', '/api/health'));
  const loadMe = async () => {
    setMe(currentToken() ? await api<Me>('GET', '/api/me').catch(() => undefined) : undefined);
    setLockedBy(undefined);
    setChecked(true);
  };
  onMount(() => void loadMe());
  const signOut = () => {
    void api('POST', '/api/logout').catch(() => undefined);
    setToken('');
    setMe(undefined);
  };
  const lock = () => {
    setLockedBy(me()?.name);
    signOut();
  };
  return (
    <Show when={checked() && health()} fallback={<p class="working">{t('app.starting')}</p>}>
      <Show
        when={me()}
        keyed
        fallback={<LoginScreen lockedBy={lockedBy()} onSignedIn={() => void loadMe()} />}
      >
        {(who) => (
          <SessionProvider me={who} self={health()!.till} signOut={signOut} lock={lock}>
            <Shell />
          </SessionProvider>
        )}
      </Show>
    </Show>
  );
}
