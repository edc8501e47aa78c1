/** Payment methods, cash reasons, business dates and record stamps in words. */
import type { PaymentMethod } from '../../../../crdt/schema.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { formatDate, formatDateTime, t } from '../../i18n/i18n.ts';
import type { Hlc } from '../../../../crdt/hlc.ts';
import { hlcWall } from '../../../../crdt/hlc.ts';

const METHOD_KEYS: Record<PaymentMethod, MessageKey> = {
  cash: 'method.cash',
  card: 'method.card',
  other: 'method.other',
};

export const methodName = (method: PaymentMethod): string => t(METHOD_KEYS[method]);

/** The reasons a manager picks from; "other" lets them type one. */
export const CASH_IN_REASONS: MessageKey[] = ['cash.reason.float', 'cash.reason.change'];
export const CASH_OUT_REASONS: MessageKey[] = [
  'cash.reason.supplier',
  'cash.reason.bank',
  'cash.reason.petty',
];

/** A business date ("20261202") as the till's locale writes it. */
export const dayDate = (businessDate: string): string =>
  formatDate(businessDate.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'));

/** When a record was stamped (its clock stamp carries the wall time), in the till's locale. */
export const stampTime = (stamp: string): string => formatDateTime(hlcWall(stamp as Hlc));
