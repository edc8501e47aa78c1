/**
 * What the transfer components share: the lists they show, read again from
 * the API whenever the `transfers` document changes (the till reduces and
 * checks the signed logs; the screen never does), the receiving tills from the
 * live settings, and the words for a transfer's reference, targets and lines.
 */
import { createResource } from 'solid-js';
import type { Resource } from 'solid-js';
import type { TillInfo } from '../../../../crdt/schema.ts';
import { hlcWall } from '../../../../crdt/hlc.ts';
import type { Hlc } from '../../../../crdt/hlc.ts';
import { shortTransferRef } from '../../../../crdt/transfer-ref.ts';
import type { TransferView } from '../../../../crdt/api-types.ts';
import type { TransferState } from '../../../../crdt/transfers.ts';
import type { Session } from '../../app/session.tsx';
import { formatAgo, plural, t } from '../../i18n/i18n.ts';
import { api } from '../../lib/api.ts';

/** A list from the API, live: fetched again on every change of the transfers document. */
export function liveList<T>(session: Session, path: () => string): Resource<T[]> {
  const [list] = createResource(
    () => ({ version: session.transfers.version(), path: path() }),
    ({ path: url }) => api<T[]>('GET', url),
  );
  return list;
}

/** The other tills that receive carts, as the live settings say. */
export function receivingTills(session: Session): TillInfo[] {
  return (session.settings()?.tills ?? []).filter(
    (till) => till.roles.receiver && till.code !== session.self,
  );
}

/** Whether this till's daemon hears that till now (its presence). */
export const inReach = (session: Session, code: string): boolean =>
  session.status()?.mesh?.online.some((o) => o.till === code) ?? false;

export const refOf = (state: Pick<TransferState, 'id'>): string => shortTransferRef(state.id);

export const linesText = (state: TransferState): string =>
  plural(
    'transfer.items',
    state.cart.lines.reduce((n, line) => n + Math.abs(line.qty), 0),
  );

export const targetsText = (state: TransferState): string =>
  state.targets ? state.targets.join(', ') : t('sent.every');

/** A till a step names, marked when the key that wrote it shares another till's code. */
export const tillText = (state: TransferView, till: string, signer: string | undefined): string =>
  signer !== undefined && state.duplicateSigners.includes(signer)
    ? t('transfer.duplicateTill', { till })
    : till;

/** The sending till, marked when it shares another till's code. */
export const fromText = (state: TransferView): string => tillText(state, state.from, state.sender);

export const agoText = (at: Hlc): string => formatAgo(Math.max(0, Date.now() - hlcWall(at)));
