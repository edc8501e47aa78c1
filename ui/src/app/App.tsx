/** Signed out, the sign-in screen; signed in, the till. Locking hands the till to the next person. */
import { createSignal, Show } from 'solid-js';
import type { HealthResponse, Me } from '../../../crdt/api-types.ts';
import { setLanguage, t } from '../i18n/i18n.ts';
import { api, currentToken, setToken } from '../lib/api.ts';
import { LoginScreen } from '../screens/login/LoginScreen.tsx';
import { SessionProvider } from './session.tsx';
import { Shell } from './Shell.tsx';

export const HEALTH_RETRY_MS = 2_000;

export function App() {
  const [me, setMe] = createSignal<Me>();
  const [checked, setChecked] = createSignal(false);
  const [lockedBy, setLockedBy] = createSignal<string>();
  // a till whose daemon is down (restarting) says so and keeps asking, never a silent spinner
  const [health, setHealth] = createSignal<HealthResponse>();
  const [down, setDown] = createSignal(false);
  const ask = async () => {
    try {
      const answer = await api<HealthResponse>('GET', '/api/health');
      setLanguage(answer.language);
      setHealth(answer);
      setDown(false);
      await loadMe();
    } catch {
      setDown(true);
      setTimeout(() => void ask(), HEALTH_RETRY_MS);
    }
  };
  const loadMe = async () => {
    setMe(currentToken() ? await api<Me>('GET', '/api/me').catch(() => undefined) : undefined);
    setLockedBy(undefined);
    setChecked(true);
  };
  void ask();
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
    <Show
      when={checked() && health()}
      fallback={
        <p class="working" role="status">
          {t(down() ? 'app.daemonDown' : 'app.starting')}
        </p>
      }
    >
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
