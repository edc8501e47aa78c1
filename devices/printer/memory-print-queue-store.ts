/** The print queue in memory: for tests and for a till run without a data directory. */
import type {
  NewPrintJob,
  PrintJob,
  PrintJobPatch,
  PrintJobState,
  PrintQueueStore,
} from './print-queue-store.ts';
import { UnknownPrintJobError } from './print-queue-store.ts';

export class MemoryPrintQueueStore implements PrintQueueStore {
  private readonly jobs = new Map<number, PrintJob>();
  private lastId = 0;

  add(job: NewPrintJob): PrintJob {
    const created: PrintJob = {
      ...job,
      payload: job.payload ?? null,
      id: ++this.lastId,
      state: 'waiting',
      attempts: 0,
      lastError: null,
      released: false,
      doneAt: null,
    };
    this.jobs.set(created.id, created);
    return { ...created };
  }

  get(id: number): PrintJob | undefined {
    const job = this.jobs.get(id);
    return job && { ...job };
  }

  next(): PrintJob | undefined {
    for (const job of this.jobs.values()) if (job.state === 'waiting') return { ...job };
    return undefined;
  }

  update(id: number, patch: PrintJobPatch): PrintJob {
    const job = this.jobs.get(id);
    if (!job) throw new UnknownPrintJobError(`no print job ${id}`);
    Object.assign(job, patch);
    return { ...job };
  }

  list(options: { states?: readonly PrintJobState[]; limit?: number } = {}): PrintJob[] {
    return [...this.jobs.values()]
      .filter((j) => !options.states || options.states.includes(j.state))
      .reverse()
      .slice(0, options.limit ?? 100)
      .map((j) => ({ ...j }));
  }

  counts(): { waiting: number; held: number } {
    let waiting = 0;
    let held = 0;
    for (const job of this.jobs.values()) {
      if (job.state === 'waiting') waiting++;
      if (job.state === 'held') held++;
    }
    return { waiting, held };
  }
}
