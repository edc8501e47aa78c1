/** A peer's update to a day this till closed or journaled: stored, its records defended. */
import * as Y from 'yjs';
import { DAY, parseDocName } from '../../crdt/documents.ts';
import { defendClosedRecords } from '../docs/closed-records.ts';
import type { UpdateOrigin } from '../docs/origins.ts';
import type { TillContext } from './context.ts';

const DAY_MAPS = Object.values(DAY);

export function takeClosedDayUpdate(
  ctx: TillContext,
  name: string,
  update: Uint8Array,
  origin: UpdateOrigin,
): void {
  if (parseDocName(name)?.kind !== 'day') return;
  const peer = origin.source === 'peer' ? origin.peer : origin.source;
  ctx.docs.updateClosed(name, (doc) =>
    defendClosedRecords(
      { doc, name, maps: DAY_MAPS, check: ctx.registry, report: ctx.report, log: ctx.log, peer },
      () => Y.applyUpdate(doc, update, origin),
    ),
  );
}
