/**
 * Saving mesh settings from this screen: only the fields that changed are
 * sent (two managers editing different fields both win), and the session's
 * settings are fetched again so the header, the currency and the language
 * follow at once.
 */
import type { SettingsResponse } from '../../../../crdt/api-types.ts';
import type { Minor } from '../../../../crdt/money.ts';
import { currencyDecimals, toDecimalString } from '../../../../crdt/money.ts';
import type { MeshSettings } from '../../../../crdt/schema.ts';
import type { Session } from '../../app/session.tsx';
import { toast } from '../../components/Toasts.tsx';
import { currency, t, typedAmount } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';
import { run } from '../../lib/run.ts';

export async function saveSettings(
  session: Session,
  patch: Partial<MeshSettings>,
): Promise<boolean> {
  if (Object.keys(patch).length === 0) {
    toast('info', t('settings.unchanged'));
    return true;
  }
  const saved = await run(t('settings.saving'), () => api('PATCH', '/api/settings', patch));
  if (saved === undefined) return false;
  toast('success', t('settings.saved'));
  session.refetchSettings();
  return true;
}

/** A till's roles or language: answered with the settings, then the session follows. */
export async function saveTill(
  session: Session,
  path: string,
  body: unknown,
  done: string,
): Promise<void> {
  const saved = await run(t('settings.saving'), () => api<SettingsResponse>('PUT', path, body));
  if (!saved) return;
  toast('success', done);
  session.refetchSettings();
}

export const amountText = (minor: Minor): string =>
  toDecimalString(minor, currencyDecimals(currency()));

/** A typed amount of zero or more, or undefined (said in words) when it is not one. */
export function typedLimit(text: string): Minor | undefined {
  try {
    const minor = typedAmount(text.trim() || '0');
    if (minor >= 0) return minor;
  } catch {
    // said below, in the till's language
  }
  toast('error', t('error.INVALID_AMOUNT'));
  return undefined;
}

/** The fields of `draft` that differ from `saved`, compared by value. */
export function changed<T extends object>(saved: T, draft: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(draft) as Array<keyof T>)
    if (JSON.stringify(draft[key]) !== JSON.stringify(saved[key])) patch[key] = draft[key];
  return patch;
}
