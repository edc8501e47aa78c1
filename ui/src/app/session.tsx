/**
 * What every screen of a signed-in till needs, in one context: who is signed
 * in, the mesh settings, this till's code and day, its status (polled, so a
 * daemon that stops answering shows at once), its devices, and the live
 * documents (the open day, the transfers, the settings).
 */
import {
  createContext,
  createEffect,
  createResource,
  createSignal,
  on,
  onCleanup,
  useContext,
} from 'solid-js';
import type { Accessor, JSX, Resource } from 'solid-js';
import type { DayInfo, Me, SettingsResponse, TillStatus } from '../../../crdt/api-types.ts';
import { api } from '../lib/api.ts';
import type { DeviceFeed } from '../lib/devices.ts';
import { followDevices } from '../lib/devices.ts';
import type { Live } from '../lib/live.ts';
import { follow, setReplicaScope } from '../lib/live.ts';
import { CatalogueIndex } from '../../../crdt/catalogue.ts';

export const STATUS_POLL_MS = 2_000;

export interface Session {
  me: Me;
  isManager: boolean;
  self: string;
  settings: Resource<SettingsResponse>;
  refetchSettings: () => void;
  day: Resource<DayInfo>;
  refetchDay: () => void;
  status: Accessor<TillStatus | undefined>;
  /** False while this till's daemon does not answer. */
  daemonUp: Accessor<boolean>;
  devices: DeviceFeed;
  transfers: Live;
  settingsDoc: Live;
  /** The catalogue, read from this screen's replica with the domain's own index. */
  catalogue: CatalogueIndex;
  catalogueDoc: Live;
  signOut: () => void;
  lock: () => void;
}

const SessionContext = createContext<Session>();

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in till');
  return session;
}

export function SessionProvider(props: {
  me: Me;
  self: string;
  signOut: () => void;
  lock: () => void;
  children: JSX.Element;
}) {
  const [settings, { refetch: refetchSettings }] = createResource(() =>
    api<SettingsResponse>('GET', '/api/settings'),
  );
  const [day, { refetch: refetchDay }] = createResource(() => api<DayInfo>('GET', '/api/day'));
  const [status, setStatus] = createSignal<TillStatus>();
  const [daemonUp, setDaemonUp] = createSignal(true);
  const poll = async () => {
    try {
      setStatus(await api<TillStatus>('GET', '/api/status'));
      setDaemonUp(true);
    } catch {
      setDaemonUp(false);
    }
  };
  void poll();
  const timer = setInterval(() => void poll(), STATUS_POLL_MS);
  onCleanup(() => clearInterval(timer));
  // a day opened or closed elsewhere (another screen of this till, the CLI) shows without a reload
  createEffect(
    on(
      () => status()?.day?.doc,
      (doc) => {
        if (day() && doc !== day()!.day?.doc) void refetchDay();
      },
      { defer: true },
    ),
  );
  setReplicaScope(props.self);
  const catalogueDoc = follow('catalogue');
  // a record that fails validation is skipped; the daemon reports it, with its peer
  const catalogue = new CatalogueIndex(catalogueDoc.doc, () => {});
  onCleanup(() => catalogue.destroy());
  const session: Session = {
    me: props.me,
    isManager: props.me.role === 'manager',
    self: props.self,
    settings,
    refetchSettings: () => void refetchSettings(),
    day,
    refetchDay: () => void refetchDay(),
    status,
    daemonUp,
    devices: followDevices(),
    transfers: follow('transfers'),
    settingsDoc: follow('settings'),
    catalogue,
    catalogueDoc,
    signOut: props.signOut,
    lock: props.lock,
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}
