/**
 * Every till of the mesh: whether it sends and receives carts, and the
 * language of its screen. A change is saved at once; when it is this till's
 * language, the whole screen switches as soon as the settings come back.
 */
import { For } from 'solid-js';
import type { TillInfo, TillRoles } from '../../../../crdt/schema.ts';
import { uiLanguages } from '../../../../crdt/schema.ts';
import { useSession } from '../../app/session.tsx';
import { t } from '../../i18n/i18n.ts';
import { saveTill } from './save-settings.ts';

export function TillSettings(props: { tills: TillInfo[] }) {
  const session = useSession();
  const setRole = (till: TillInfo, role: keyof TillRoles, on: boolean) =>
    void saveTill(
      session,
      `/api/tills/${encodeURIComponent(till.code)}/roles`,
      { ...till.roles, [role]: on },
      t('settings.rolesSaved', { till: till.code }),
    );
  const setLanguage = (till: TillInfo, language: string) =>
    void saveTill(
      session,
      `/api/tills/${encodeURIComponent(till.code)}/language`,
      { language },
      t('settings.languageSaved', { till: till.code }),
    );
  return (
    <section class="settings-card till-settings" aria-labelledby="till-settings-title">
      <h3 id="till-settings-title">{t('settings.tills')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('settings.till')}</th>
            <th>{t('settings.sender')}</th>
            <th>{t('settings.receiver')}</th>
            <th>{t('settings.language')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.tills}>
            {(till) => (
              <tr data-till={till.code} classList={{ self: till.code === session.self }}>
                <th scope="row">
                  {till.code} · {till.name}
                  {till.code === session.self ? ` (${t('settings.thisTill')})` : ''}
                </th>
                <td>
                  <input
                    type="checkbox"
                    name="sender"
                    aria-label={t('settings.senderOf', { till: till.code })}
                    checked={till.roles.sender}
                    onChange={(e) => setRole(till, 'sender', e.currentTarget.checked)}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    name="receiver"
                    aria-label={t('settings.receiverOf', { till: till.code })}
                    checked={till.roles.receiver}
                    onChange={(e) => setRole(till, 'receiver', e.currentTarget.checked)}
                  />
                </td>
                <td>
                  <select
                    name="language"
                    aria-label={t('settings.languageOf', { till: till.code })}
                    value={till.language ?? 'en'}
                    onChange={(e) => setLanguage(till, e.currentTarget.value)}
                  >
                    <For each={uiLanguages}>
                      {(lang) => <option value={lang}>{t(`settings.languageName.${lang}`)}</option>}
                    </For>
                  </select>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
