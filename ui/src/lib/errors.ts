/**
 * A failed action in the till's language: the API's error code picks the
 * message in the catalogue, its details fill it (amounts as money); an
 * unknown code shows the daemon's own words.
 */
import { money, t } from '../i18n/i18n.ts';
import type { MessageKey, Params } from '../i18n/i18n.ts';
import { catalogues } from '../i18n/i18n.ts';
import { DomainError } from '../../../crdt/errors.ts';
import { ApiError } from './api.ts';

/** Detail fields that hold minor units. */
const MONEY_FIELDS = new Set([
  'paid',
  'total',
  'change',
  'amount',
  'limit',
  'expected',
  'counted',
  'remaining',
  'price',
]);

export function describeError(error: unknown): string {
  // the daemon's errors and the domain's own (the same crdt/ code checks typed amounts here)
  if (error instanceof ApiError || error instanceof DomainError) {
    const key = `error.${error.code}` as MessageKey;
    if (key in catalogues.en) {
      const params: Params = {};
      for (const [name, value] of Object.entries(error.details ?? {}))
        if (typeof value === 'number' || typeof value === 'string')
          params[name] = MONEY_FIELDS.has(name) && typeof value === 'number' ? money(value) : value;
      const text = t(key, params);
      // a detail the daemon did not send: its own message says it better than a bare placeholder
      if (!/\{\w+\}/.test(text)) return text;
    }
    return error.message;
  }
  return t('error.unexpected', { message: error instanceof Error ? error.message : String(error) });
}
