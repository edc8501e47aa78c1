import { createResource, createSignal, For, Show } from 'solid-js';
import { api, ApiError, setToken } from '../api.ts';

interface StaffEntry {
  id: string;
  name: string;
  role: string;
}

export function Login(props: { onSignedIn: () => void }) {
  const [staff] = createResource(() => api<StaffEntry[]>('GET', '/api/staff'));
  const [chosen, setChosen] = createSignal<StaffEntry>();
  const [pin, setPin] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const who = chosen();
    if (!who) return;
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
      setError(e instanceof ApiError ? e.message : String(e));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <h1>posmesh</h1>
      <Show when={!staff.loading} fallback={<p class="working">Loading staff…</p>}>
        <Show when={!staff.error} fallback={<p class="error">{String(staff.error)}</p>}>
          <div class="staff">
            <For each={staff()}>
              {(s) => (
                <button
                  type="button"
                  classList={{ chosen: chosen()?.id === s.id }}
                  onClick={() => setChosen(s)}
                >
                  {s.name}
                  <small>{s.role}</small>
                </button>
              )}
            </For>
          </div>
        </Show>
      </Show>
      <Show when={chosen()}>
        <form onSubmit={(e) => void submit(e)}>
          <label>
            PIN for {chosen()!.name}
            <input
              name="pin"
              type="password"
              inputmode="numeric"
              autocomplete="off"
              value={pin()}
              onInput={(e) => setPin(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={busy() || pin().length < 4}>
            {busy() ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </main>
  );
}
