/**
 * The till's SQLite database: WAL, synchronous=FULL (a commit is on disk when it
 * returns, so a paid order survives kill -9 and a power cut), and numbered
 * migrations tracked in user_version.
 */
import Database from 'better-sqlite3';
import { StorageFailedError } from './update-store.ts';

export type Db = Database.Database;

/** Applied in order, each once; exported so a test can build a database as an older posmesh left it. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE docs (
    name TEXT PRIMARY KEY,
    state TEXT NOT NULL DEFAULT 'live' CHECK (state IN ('live', 'closed'))
  );
  CREATE TABLE doc_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc TEXT NOT NULL REFERENCES docs(name),
    data BLOB NOT NULL
  );
  CREATE INDEX doc_updates_by_doc ON doc_updates(doc, id);
  CREATE TABLE doc_snapshots (
    doc TEXT PRIMARY KEY REFERENCES docs(name),
    data BLOB NOT NULL,
    upto INTEGER NOT NULL
  );
  CREATE TABLE till_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE order_seq (business_date TEXT PRIMARY KEY, last INTEGER NOT NULL);
  CREATE TABLE carry_over (order_id TEXT PRIMARY KEY, data TEXT NOT NULL, from_date TEXT NOT NULL);

  CREATE TABLE journal_orders (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    till TEXT NOT NULL,
    business_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    refund_of TEXT,
    transfer_ref TEXT,
    customer TEXT,
    gross INTEGER NOT NULL,
    discount INTEGER NOT NULL,
    tax INTEGER NOT NULL,
    total INTEGER NOT NULL,
    paid INTEGER NOT NULL,
    change INTEGER NOT NULL,
    paid_at TEXT NOT NULL,
    paid_by TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX journal_orders_by_day ON journal_orders(till, business_date);
  CREATE INDEX journal_orders_by_refund ON journal_orders(refund_of);
  CREATE TABLE journal_lines (
    order_id TEXT NOT NULL REFERENCES journal_orders(id),
    idx INTEGER NOT NULL,
    line_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    name TEXT NOT NULL,
    qty INTEGER NOT NULL,
    unit_price INTEGER NOT NULL,
    discount_bp INTEGER NOT NULL,
    gross INTEGER NOT NULL,
    discount INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    tax_id TEXT NOT NULL,
    tax_rate_bp INTEGER NOT NULL,
    tax_included INTEGER NOT NULL,
    refund_of_line TEXT,
    PRIMARY KEY (order_id, idx)
  );
  CREATE TABLE journal_payments (
    order_id TEXT NOT NULL REFERENCES journal_orders(id),
    idx INTEGER NOT NULL,
    method TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (order_id, idx)
  );
  CREATE TABLE journal_days (
    till TEXT NOT NULL,
    business_date TEXT NOT NULL,
    session INTEGER NOT NULL,
    closed_at TEXT NOT NULL,
    report TEXT NOT NULL,
    PRIMARY KEY (till, business_date, session)
  );
  CREATE TABLE journal_cash_moves (
    id TEXT PRIMARY KEY,
    till TEXT NOT NULL,
    business_date TEXT NOT NULL,
    amount INTEGER NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    by_name TEXT NOT NULL
  );
  `,
  // staff ids next to names, so the journal says who, not just what they were called
  `
  ALTER TABLE journal_orders ADD COLUMN paid_by_id TEXT;
  ALTER TABLE journal_cash_moves ADD COLUMN by_id TEXT;
  `,
  // the receipt printer's durable queue: a ticket is added in the payment's commit
  `
  CREATE TABLE print_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'copy')),
    order_id TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'held', 'done', 'discarded')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    drawer TEXT NOT NULL CHECK (drawer IN ('none', 'pending', 'kicked', 'skipped')),
    released INTEGER NOT NULL DEFAULT 0,
    done_at INTEGER
  );
  CREATE INDEX print_jobs_waiting ON print_jobs(state, id);
  `,
  // orders as signed: the day document they were signed for, their signer and place in its chain
  `
  ALTER TABLE journal_orders ADD COLUMN doc TEXT;
  ALTER TABLE journal_orders ADD COLUMN signer TEXT;
  ALTER TABLE journal_orders ADD COLUMN chain_seq INTEGER;
  CREATE INDEX journal_orders_by_chain ON journal_orders(signer, chain_seq);
  `,
  // reports and test pages on the receipt printer: SQLite cannot widen a CHECK, so the
  // table is rebuilt with every ticket and its id kept (AUTOINCREMENT carries on from them)
  `
  CREATE TABLE print_jobs_next (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'copy', 'report', 'test')),
    order_id TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'held', 'done', 'discarded')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    drawer TEXT NOT NULL CHECK (drawer IN ('none', 'pending', 'kicked', 'skipped')),
    released INTEGER NOT NULL DEFAULT 0,
    done_at INTEGER,
    payload TEXT
  );
  INSERT INTO print_jobs_next
    (id, kind, order_id, label, created_at, state, attempts, last_error, drawer, released, done_at)
    SELECT id, kind, order_id, label, created_at, state, attempts, last_error, drawer, released, done_at
    FROM print_jobs;
  DROP TABLE print_jobs;
  ALTER TABLE print_jobs_next RENAME TO print_jobs;
  CREATE INDEX print_jobs_waiting ON print_jobs(state, id);
  `,
  // journal retention: which closed days a relay archived, and where each signer's chain
  // resumes once its oldest days have left the journal
  `
  ALTER TABLE journal_days ADD COLUMN archived_at TEXT;
  CREATE INDEX journal_orders_by_doc ON journal_orders(doc);
  CREATE TABLE journal_anchors (
    signer TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    running INTEGER NOT NULL,
    through_doc TEXT NOT NULL
  );
  `,
  // the clock at start reads the newest paid_at: from the index, not a scan of years of rows
  `
  CREATE INDEX journal_orders_by_paid_at ON journal_orders(paid_at);
  `,
  // a number is unique per till key, not per code, and a day is one writer's: two tills under
  // one code (a duplicate) number alike and open the same dates, and a third journals both.
  // Rebuilt without the UNIQUE, days keyed by their writer's tag too (older days have none);
  // every row and id kept (lines and payments refer to the ids: checked, see migrate)
  `
  CREATE TABLE journal_days_next (
    till TEXT NOT NULL,
    business_date TEXT NOT NULL,
    session INTEGER NOT NULL,
    writer TEXT NOT NULL DEFAULT '',
    closed_at TEXT NOT NULL,
    report TEXT NOT NULL,
    archived_at TEXT,
    PRIMARY KEY (till, business_date, session, writer)
  );
  INSERT INTO journal_days_next (till, business_date, session, closed_at, report, archived_at)
    SELECT till, business_date, session, closed_at, report, archived_at FROM journal_days;
  DROP TABLE journal_days;
  ALTER TABLE journal_days_next RENAME TO journal_days;
  CREATE TABLE journal_orders_next (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL,
    till TEXT NOT NULL,
    business_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    refund_of TEXT,
    transfer_ref TEXT,
    customer TEXT,
    gross INTEGER NOT NULL,
    discount INTEGER NOT NULL,
    tax INTEGER NOT NULL,
    total INTEGER NOT NULL,
    paid INTEGER NOT NULL,
    change INTEGER NOT NULL,
    paid_at TEXT NOT NULL,
    paid_by TEXT NOT NULL,
    data TEXT NOT NULL,
    paid_by_id TEXT,
    doc TEXT,
    signer TEXT,
    chain_seq INTEGER
  );
  INSERT INTO journal_orders_next SELECT id, number, till, business_date, kind, refund_of,
    transfer_ref, customer, gross, discount, tax, total, paid, change, paid_at, paid_by, data,
    paid_by_id, doc, signer, chain_seq FROM journal_orders;
  DROP TABLE journal_orders;
  ALTER TABLE journal_orders_next RENAME TO journal_orders;
  CREATE INDEX journal_orders_by_number ON journal_orders(number);
  CREATE INDEX journal_orders_by_day ON journal_orders(till, business_date);
  CREATE INDEX journal_orders_by_refund ON journal_orders(refund_of);
  CREATE INDEX journal_orders_by_chain ON journal_orders(signer, chain_seq);
  CREATE INDEX journal_orders_by_doc ON journal_orders(doc);
  CREATE INDEX journal_orders_by_paid_at ON journal_orders(paid_at);
  `,
];

export function openDatabase(file: string): Db {
  let db: Db;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    // on after the migrations (better-sqlite3 turns them on by default)
    db.pragma('foreign_keys = OFF');
  } catch (error) {
    throw new StorageFailedError(
      `cannot open the till database ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  migrate(db);
  db.pragma('foreign_keys = ON');
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new StorageFailedError(
      `the till database is at schema ${current}, newer than this posmesh (${MIGRATIONS.length}): upgrade posmesh`,
    );
  }
  // with foreign keys off (a rebuilt table is dropped and renamed), then checked in the same
  // transaction: SQLite's own recipe for a schema change it cannot ALTER
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0)
        throw new StorageFailedError(
          `schema migration ${version + 1} left ${broken.length} rows pointing nowhere: nothing was changed`,
        );
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** PRAGMA integrity_check, "ok" when the file is sound. */
export function integrityCheck(db: Db): string {
  return (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
}
