/**
 * Checks the books offline: every paid order and refund a till holds (its
 * journal and its live day documents), grouped by the till that signed it,
 * must carry a valid signature for where it was written and form an unbroken
 * chain — sequence without gaps, each record pointing at the hash of the one
 * before, running total adding up. What is found names the record and says
 * what is wrong: an edit, a gap, a fork.
 */
import { DAY } from '../../crdt/documents.ts';
import { parseDocName } from '../../crdt/documents.ts';
import type { Order } from '../../crdt/schema.ts';
import { orderSchema } from '../../crdt/schema.ts';
import type { SignatureCheck } from '../../crdt/signing.ts';
import { signerOf } from '../../crdt/signing.ts';
import { addMinor } from '../../crdt/money.ts';
import type { ChainHead } from './chain.ts';
import { GENESIS, linkHash } from './chain.ts';

export type ProblemKind =
  'edited' | 'unsigned' | 'missing' | 'fork' | 'broken-link' | 'running-total';

export interface BookProblem {
  kind: ProblemKind;
  /** The order number concerned (or the range missing). */
  where: string;
  detail: string;
}

export interface TillBooks {
  signer: string;
  codes: string[];
  records: number;
  firstSeq: number | null;
  lastSeq: number | null;
  running: number;
  problems: BookProblem[];
}

export interface BooksReport {
  ok: boolean;
  tills: TillBooks[];
  /** Records that prove nothing: no valid signature at all. */
  unproven: BookProblem[];
}

export interface HeldRecord {
  raw: unknown;
  /** The day document it was signed for. */
  doc: string | null;
}

interface Entry {
  order: Order;
  sig: string;
}

/**
 * `date` limits the check to one business day (its first record must still
 * link to what came before). `anchors` are where each signer's chain resumes
 * after the till dropped its oldest days from the journal (retention).
 */
export function verifyBooks(
  held: Iterable<HeldRecord>,
  check: SignatureCheck,
  date?: string,
  anchors: ReadonlyMap<string, ChainHead> = new Map(),
): BooksReport {
  const unproven: BookProblem[] = [];
  const bySigner = new Map<string, Map<string, Entry>>();
  for (const { raw, doc } of held) {
    const parsed = orderSchema.safeParse(raw);
    if (!parsed.success || parsed.data.status !== 'paid') continue;
    const order = parsed.data;
    const where = order.number ?? order.id;
    if (!doc || parseDocName(doc)?.kind !== 'day') {
      unproven.push({
        kind: 'unsigned',
        where,
        detail: 'not known which day document it was signed for',
      });
      continue;
    }
    const signer = signerOf(raw, { doc, map: DAY.orders, key: order.id }, check);
    if (signer === null) {
      unproven.push({
        kind: order.sig ? 'edited' : 'unsigned',
        where,
        detail: order.sig
          ? `its signature does not match its content: changed after ${order.signer ? `till …${order.signer.slice(-8)}` : 'its till'} signed it`
          : 'it carries no signature',
      });
      continue;
    }
    const entries = bySigner.get(signer) ?? new Map<string, Entry>();
    entries.set(order.sig!, { order, sig: order.sig! });
    bySigner.set(signer, entries);
  }
  const tills = [...bySigner].map(([signer, entries]) =>
    checkChain(signer, [...entries.values()], date, anchors.get(signer)),
  );
  return {
    ok: unproven.length === 0 && tills.every((t) => t.problems.length === 0),
    tills: tills.sort((a, b) => (a.codes.join() < b.codes.join() ? -1 : 1)),
    unproven,
  };
}

function checkChain(
  signer: string,
  entries: Entry[],
  date: string | undefined,
  anchor: ChainHead | undefined,
): TillBooks {
  const start = anchor ?? { seq: 0, hash: GENESIS, running: 0 };
  const problems: BookProblem[] = [];
  const chained = entries.filter((e) => e.order.chain !== null);
  for (const e of entries)
    if (e.order.chain === null)
      problems.push({
        kind: 'unsigned',
        where: e.order.number ?? e.order.id,
        detail: 'paid, but not in the chain',
      });
  chained.sort((a, b) => a.order.chain!.seq - b.order.chain!.seq);
  const bySeq = new Map<number, Entry>();
  for (const e of chained) {
    const seq = e.order.chain!.seq;
    const other = bySeq.get(seq);
    if (other)
      problems.push({
        kind: 'fork',
        where: e.order.number ?? e.order.id,
        detail: `two signed records hold place ${seq} (${other.order.number} and ${e.order.number}): history was written twice`,
      });
    else bySeq.set(seq, e);
  }
  // what the anchor covers left the journal on purpose: the chain resumes after it
  const inScope = (e: Entry) =>
    e.order.chain!.seq > start.seq && (!date || e.order.businessDate === date);
  const seqs = [...bySeq.keys()].filter((s) => inScope(bySeq.get(s)!));
  let expectedNext = date ? (seqs[0] ?? start.seq + 1) : start.seq + 1;
  for (const seq of seqs) {
    const entry = bySeq.get(seq)!;
    const where = entry.order.number ?? entry.order.id;
    if (seq > expectedNext)
      problems.push({
        kind: 'missing',
        where: expectedNext === seq - 1 ? `#${expectedNext}` : `#${expectedNext}–#${seq - 1}`,
        detail: `${seq - expectedNext} record(s) of the chain are not here: deleted, or never received`,
      });
    expectedNext = seq + 1;
    const before = seq === start.seq + 1 ? undefined : bySeq.get(seq - 1);
    const link = entry.order.chain!;
    if (seq === start.seq + 1 && link.prev !== start.hash)
      problems.push({
        kind: 'broken-link',
        where,
        detail: anchor
          ? `it does not follow the last record dropped from the journal (#${start.seq}): history before it was rewritten`
          : 'the first record of the chain points back to something',
      });
    if (before && link.prev !== linkHash(before.sig))
      problems.push({
        kind: 'broken-link',
        where,
        detail: `it points back to another record than ${before.order.number}: the one before it was replaced (re-signed)`,
      });
    const runningBefore = seq === start.seq + 1 ? start.running : before?.order.chain?.running;
    if (
      runningBefore !== undefined &&
      link.running !== addMinor(runningBefore, entry.order.totals!.total, 'running')
    )
      problems.push({ kind: 'running-total', where, detail: 'its running total does not add up' });
  }
  const scoped = seqs.map((s) => bySeq.get(s)!);
  return {
    signer,
    codes: [...new Set(entries.map((e) => e.order.till))].sort(),
    records: scoped.length,
    firstSeq: seqs[0] ?? null,
    lastSeq: seqs.at(-1) ?? null,
    running: scoped.at(-1)?.order.chain?.running ?? start.running,
    problems,
  };
}
