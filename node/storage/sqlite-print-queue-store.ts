/** The print queue in the till's SQLite database, so a ticket added in a payment's commit is as durable as the sale. */
import type {
  NewPrintJob,
  PrintJob,
  PrintJobPatch,
  PrintJobState,
  PrintQueueStore,
} from '../../devices/printer/print-queue-store.ts';
import { UnknownPrintJobError } from '../../devices/printer/print-queue-store.ts';
import type { Db } from './database.ts';

interface Row {
  id: number;
  kind: PrintJob['kind'];
  order_id: string;
  label: string;
  created_at: number;
  state: PrintJobState;
  attempts: number;
  last_error: string | null;
  drawer: PrintJob['drawer'];
  released: number;
  done_at: number | null;
  payload: string | null;
}

const toJob = (r: Row): PrintJob => ({
  id: r.id,
  kind: r.kind,
  orderId: r.order_id,
  label: r.label,
  createdAt: r.created_at,
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error,
  drawer: r.drawer,
  released: r.released === 1,
  doneAt: r.done_at,
  payload: r.payload,
});

const COLUMNS: Record<keyof PrintJobPatch, string> = {
  state: 'state',
  attempts: 'attempts',
  lastError: 'last_error',
  drawer: 'drawer',
  released: 'released',
  doneAt: 'done_at',
};

export class SqlitePrintQueueStore implements PrintQueueStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      add: db.prepare(
        `INSERT INTO print_jobs (kind, order_id, label, created_at, drawer, payload) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
      ),
      get: db.prepare(`SELECT * FROM print_jobs WHERE id = ?`),
      next: db.prepare(`SELECT * FROM print_jobs WHERE state = 'waiting' ORDER BY id LIMIT 1`),
      counts: db.prepare(
        `SELECT sum(state = 'waiting') AS waiting, sum(state = 'held') AS held FROM print_jobs`,
      ),
    };
  }

  add(job: NewPrintJob): PrintJob {
    return toJob(
      this.stmts.add.get(
        job.kind,
        job.orderId,
        job.label,
        job.createdAt,
        job.drawer,
        job.payload ?? null,
      ) as Row,
    );
  }

  get(id: number): PrintJob | undefined {
    const row = this.stmts.get.get(id) as Row | undefined;
    return row && toJob(row);
  }

  next(): PrintJob | undefined {
    const row = this.stmts.next.get() as Row | undefined;
    return row && toJob(row);
  }

  update(id: number, patch: PrintJobPatch): PrintJob {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as Array<
      [keyof PrintJobPatch, unknown]
    >;
    if (entries.length) {
      const sets = entries.map(([k]) => `${COLUMNS[k]} = ?`).join(', ');
      const values = entries.map(([, v]) => (typeof v === 'boolean' ? Number(v) : v));
      this.db.prepare(`UPDATE print_jobs SET ${sets} WHERE id = ?`).run(...values, id);
    }
    const job = this.get(id);
    if (!job) throw new UnknownPrintJobError(`no print job ${id}`);
    return job;
  }

  list(options: { states?: readonly PrintJobState[]; limit?: number } = {}): PrintJob[] {
    const states = options.states ?? [];
    const where = states.length ? `WHERE state IN (${states.map(() => '?').join(', ')})` : '';
    const rows = this.db
      .prepare(`SELECT * FROM print_jobs ${where} ORDER BY id DESC LIMIT ?`)
      .all(...states, options.limit ?? 100) as Row[];
    return rows.map(toJob);
  }

  counts(): { waiting: number; held: number } {
    const row = this.stmts.counts.get() as { waiting: number | null; held: number | null };
    return { waiting: row.waiting ?? 0, held: row.held ?? 0 };
  }
}
