/** The frame of every screen: the header, the connection bar, the screen, toasts and dialogs. */
import { createEffect, For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { ApprovalDialog } from '../components/ApprovalDialog.tsx';
import { ConnectionBar } from '../components/ConnectionBar.tsx';
import { TillAlert } from '../components/TillAlert.tsx';
import { Toasts } from '../components/Toasts.tsx';
import { setCurrency, setLanguage, t } from '../i18n/i18n.ts';
import { pendingApproval } from '../lib/approval.ts';
import { workingOn } from '../lib/run.ts';
import { useRoute } from './router.ts';
import { DEFAULT_SCREEN, routes } from './routes.tsx';
import { useSession } from './session.tsx';

export function Shell() {
  const session = useSession();
  const route = useRoute();
  const allowed = () => routes.filter((r) => session.isManager || !r.managerOnly);
  const current = () =>
    allowed().find((r) => r.screen === route().screen) ??
    allowed().find((r) => r.screen === DEFAULT_SCREEN)!;
  createEffect(() => {
    const settings = session.settings();
    if (!settings) return;
    setCurrency(settings.mesh.currency);
    setLanguage(settings.tills.find((x) => x.code === session.self)?.language ?? 'en');
  });
  return (
    <Show
      when={session.settings() && session.day()}
      fallback={<p class="working">{t('app.connecting')}</p>}
    >
      <header class="shell">
        <strong>{session.settings()!.mesh.shopName}</strong>
        <span>{t('shell.till', { code: session.self })}</span>
        <nav>
          <For each={allowed().filter((r) => r.nav)}>
            {(r) => (
              <a href={`#${r.screen}`} classList={{ current: current().screen === r.screen }}>
                {t(r.label)}
              </a>
            )}
          </For>
        </nav>
        <span class="who">
          {t('shell.who', {
            name: session.me.name,
            role: t(session.isManager ? 'role.manager' : 'role.cashier'),
          })}
        </span>
        <button type="button" onClick={session.lock}>
          {t('shell.lock')}
        </button>
        <button type="button" onClick={session.signOut}>
          {t('shell.signOut')}
        </button>
      </header>
      <ConnectionBar />
      <TillAlert />
      <main class={`screen screen-${current().screen}`}>
        <Dynamic component={current().component} params={route().params} />
      </main>
      <Show when={workingOn()}>
        <p class="working-pill" role="status">
          {workingOn()}
        </p>
      </Show>
      <Toasts />
      <Show when={pendingApproval()} keyed>
        {(request) => <ApprovalDialog request={request} />}
      </Show>
    </Show>
  );
}
