/** The till UI: sign-in, the till screen and the mesh status page. */
import { createResource, createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { render } from 'solid-js/web';
import { api, currentToken, setToken } from './api.ts';
import { follow } from './live.ts';
import { setCurrency } from './money.ts';
import { Login } from './views/Login.tsx';
import { Status } from './views/Status.tsx';
import { Till } from './views/Till.tsx';
import { CustomerDisplay } from './views/CustomerDisplay.tsx';
import { DeviceBar } from './views/DeviceBar.tsx';
import { TillAlert } from './views/TillAlert.tsx';
import { followDevices } from './devices.ts';
import type { DeviceFeed } from './devices.ts';
import './styles.css';

interface Me {
  id: string;
  name: string;
  role: string;
}
interface Settings {
  mesh: { currency: string; shopName: string };
  tills: Array<{ code: string }>;
}

function Pages(props: {
  dayDoc: string;
  settings: Settings;
  self: string;
  devices: DeviceFeed;
  onDayChanged: () => void;
}) {
  const [page, setPage] = createSignal(location.hash.slice(1) || 'till');
  const onHash = () => setPage(location.hash.slice(1) || 'till');
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));
  // the open day's document (or the settings, until a day opens) and the transfers, live
  const day = follow(props.dayDoc);
  const transfers = follow('transfers');
  return (
    <Switch>
      <Match when={page() === 'status'}>
        <Status transfers={transfers} day={day} />
      </Match>
      <Match when={true}>
        <Till
          day={day}
          transfers={transfers}
          tills={props.settings.tills.map((t) => t.code)}
          self={props.self}
          devices={props.devices}
          onDayChanged={props.onDayChanged}
        />
      </Match>
    </Switch>
  );
}

function Shell(props: { me: Me; onSignOut: () => void }) {
  const [settings] = createResource(() => api<Settings>('GET', '/api/settings'));
  const [health] = createResource(() => api<{ till: string }>('GET', '/api/health'));
  const [day, { refetch: refetchDay }] = createResource(() =>
    api<{ day: { doc: string } | null }>('GET', '/api/day'),
  );
  const devices = followDevices();
  return (
    <Show
      when={settings() && health() && day()}
      fallback={<p class="working">Connecting to the till…</p>}
    >
      {(() => {
        setCurrency(settings()!.mesh.currency);
        return (
          <>
            <header>
              <strong>{settings()!.mesh.shopName}</strong> · till {health()!.till}
              <nav>
                <a href="#till">Till</a>
                <a href="#status">Status</a>
              </nav>
              <DeviceBar feed={devices} />
              <span>
                {props.me.name} ({props.me.role})
              </span>
              <button type="button" onClick={props.onSignOut}>
                Sign out
              </button>
            </header>
            <TillAlert />
            <Show keyed when={day()!.day?.doc ?? 'settings'}>
              {(doc) => (
                <Pages
                  dayDoc={doc}
                  settings={settings()!}
                  self={health()!.till}
                  devices={devices}
                  onDayChanged={() => void refetchDay()}
                />
              )}
            </Show>
          </>
        );
      })()}
    </Show>
  );
}

function App() {
  const [me, setMe] = createSignal<Me>();
  const [checked, setChecked] = createSignal(false);
  const loadMe = async () => {
    setMe(currentToken() ? await api<Me>('GET', '/api/me').catch(() => undefined) : undefined);
    setChecked(true);
  };
  onMount(() => void loadMe());
  const signOut = () => {
    void api('POST', '/api/logout').catch(() => undefined);
    setToken('');
    setMe(undefined);
  };
  return (
    <Show when={checked()} fallback={<p class="working">Starting…</p>}>
      <Show when={me()} keyed fallback={<Login onSignedIn={() => void loadMe()} />}>
        {(who) => <Shell me={who} onSignOut={signOut} />}
      </Show>
    </Show>
  );
}

// the customer-facing monitor needs no sign-in: it shows only what the till shows the customer
render(
  () => (location.pathname === '/display' ? <CustomerDisplay /> : <App />),
  document.getElementById('app')!,
);
