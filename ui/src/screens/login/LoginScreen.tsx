/** Sign-in by PIN: pick your name, type your PIN on the pad or the keyboard. */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { StaffEntry } from '../../../../crdt/api-types.ts';
import { PinPad } from '../../components/PinPad.tsx';
import { t } from '../../i18n/i18n.ts';
import { api, setToken } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';

export function LoginScreen(props: { lockedBy?: string; onSignedIn: () => void }) {
  const [staff] = createResource(() => api<StaffEntry[]>('GET', '/api/staff'));
  const [chosen, setChosen] = createSignal<StaffEntry>();
  const [pin, setPin] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const submit = async () => {
    const who = chosen();
    if (!who || busy()) return;
    setBusy(true);
    setError('');
    try {
      const { token } = await api<{ token: string }>('POST', '/api/login', {
        staffId: who.id,
        pin: pin(),
      });
      setToken(token);
      props.onSignedIn();
    } catch (e) {
      setError(describeError(e));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <h1>posmesh</h1>
      <Show when={props.lockedBy}>
        <p class="hint">{t('login.locked', { name: props.lockedBy! })}</p>
      </Show>
      <Show when={!staff.loading} fallback={<p class="working">{t('login.loadingStaff')}</p>}>
        <Show when={!staff.error} fallback={<p class="error">{describeError(staff.error)}</p>}>
          <div class="staff">
            <For each={staff()}>
              {(s) => (
                <button
                  type="button"
                  classList={{ chosen: chosen()?.id === s.id }}
                  onClick={() => {
                    setChosen(s);
                    setPin('');
                    document.querySelector<HTMLInputElement>('input[name=pin]')?.focus();
                  }}
                >
                  {s.name}
                  <small>{t(s.role === 'manager' ? 'role.manager' : 'role.cashier')}</small>
                </button>
              )}
            </For>
          </div>
        </Show>
      </Show>
      <Show when={chosen()}>
        <label for="pin">{t('login.pinFor', { name: chosen()!.name })}</label>
        <PinPad
          value={pin()}
          onInput={setPin}
          onSubmit={() => void submit()}
          disabled={busy()}
          submitLabel={busy() ? t('login.signingIn') : t('login.signIn')}
        />
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </main>
  );
}
