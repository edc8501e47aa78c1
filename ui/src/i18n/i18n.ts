/**
 * Every word the UI shows comes from one message catalogue (`en/`, with `fr/`
 * holding the same keys), and every amount, date and time is formatted for
 * the till's language in the shop's currency. The language is chosen per till
 * (its `language` setting); switching it re-renders every text at once.
 */
import { createSignal } from 'solid-js';
import { currencyDecimals, formatMoney, parseMoney } from '../../../crdt/money.ts';
import type { Minor } from '../../../crdt/money.ts';
import { en } from './en/index.ts';
import { fr } from './fr/index.ts';

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
export const catalogues = { en, fr } satisfies Record<string, Catalogue>;
export type Language = keyof typeof catalogues;

const [language, setLanguageSignal] = createSignal<Language>('en');
const [currency, setCurrencySignal] = createSignal('EUR');
export { language, currency };

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && value in catalogues;

export function setLanguage(value: string): void {
  if (isLanguage(value)) {
    setLanguageSignal(value);
    document.documentElement.lang = value;
  }
}
export const setCurrency = (code: string): void => void setCurrencySignal(code);

export type Params = Record<string, string | number>;

/** The message `key` in the till's language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params?: Params): string {
  const text = catalogues[language()][key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

/** A message chosen by count: `key.one` for 1, else `key.other` (both in the catalogue). */
export function plural(key: string, count: number, params: Params = {}): string {
  return t(`${key}.${count === 1 ? 'one' : 'other'}` as MessageKey, { count, ...params });
}

/** Minor units in the shop's currency and the till's locale, exact (no float on the way). */
export const money = (minor: Minor): string => formatMoney(minor, currency(), language());
/** A typed amount ("12.50" or "12,50") in minor units; a clear error on anything else. */
export const typedAmount = (text: string): Minor => parseMoney(text, currencyDecimals(currency()));

export const formatTime = (iso: string | number): string =>
  new Date(iso).toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' });
export const formatDateTime = (iso: string | number): string =>
  new Date(iso).toLocaleString(language(), { dateStyle: 'short', timeStyle: 'short' });
/** A business date "2026-12-02" as the till's locale writes it. */
export const formatDate = (businessDate: string): string =>
  new Date(`${businessDate}T12:00:00`).toLocaleDateString(language(), { dateStyle: 'medium' });
export const formatPercent = (basisPoints: number): string =>
  new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
/** "3 s ago", "5 min ago", in the till's language. */
export function formatAgo(ms: number): string {
  const rtf = new Intl.RelativeTimeFormat(language(), { numeric: 'auto' });
  const s = Math.round(ms / 1000);
  if (s < 60) return rtf.format(-s, 'second');
  if (s < 3600) return rtf.format(-Math.round(s / 60), 'minute');
  if (s < 86_400) return rtf.format(-Math.round(s / 3600), 'hour');
  return rtf.format(-Math.round(s / 86_400), 'day');
}
