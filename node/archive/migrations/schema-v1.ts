/**
 * Version 1 of the archive schema, written once for both databases with their
 * types filled in. Portable to a partitioned or distributed PostgreSQL (Citus,
 * distributed by mesh_id): every table has mesh_id and every primary key
 * starts with it, there are no foreign keys or sequences, and nothing the
 * write path does needs a row of another shop. Money is 64-bit integer minor
 * units; the signed record is JSON beside the columns reports read.
 */

export interface ColumnTypes {
  /** A 64-bit integer of minor units. */
  money: string;
  json: string;
  bool: string;
}

export const schemaV1 = (t: ColumnTypes): string => `
    CREATE TABLE orders (
      mesh_id text NOT NULL,
      id text NOT NULL,
      till text NOT NULL,
      business_date text NOT NULL,
      number text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('sale', 'refund')),
      currency text NOT NULL,
      gross ${t.money} NOT NULL,
      discount ${t.money} NOT NULL,
      tax ${t.money} NOT NULL,
      total ${t.money} NOT NULL,
      paid ${t.money} NOT NULL,
      change_given ${t.money} NOT NULL,
      closed_at text NOT NULL,
      refund_of text,
      transfer_ref text,
      signer text,
      sig text,
      chain_seq ${t.money},
      chain_prev text,
      chain_running ${t.money},
      record ${t.json} NOT NULL,
      PRIMARY KEY (mesh_id, id)
    );
    CREATE INDEX orders_by_day ON orders (mesh_id, till, business_date);
    CREATE TABLE order_lines (
      mesh_id text NOT NULL,
      order_id text NOT NULL,
      idx integer NOT NULL,
      line_id text NOT NULL,
      product_id text NOT NULL,
      name text NOT NULL,
      qty integer NOT NULL,
      unit_price ${t.money} NOT NULL,
      price_override ${t.money},
      weight_grams integer,
      discount_bp integer NOT NULL,
      gross ${t.money} NOT NULL,
      discount ${t.money} NOT NULL,
      amount ${t.money} NOT NULL,
      tax_id text NOT NULL,
      tax_rate_bp integer NOT NULL,
      tax_included ${t.bool} NOT NULL,
      refund_of_line text,
      PRIMARY KEY (mesh_id, order_id, idx)
    );
    CREATE TABLE order_payments (
      mesh_id text NOT NULL,
      order_id text NOT NULL,
      idx integer NOT NULL,
      method text NOT NULL,
      amount ${t.money} NOT NULL,
      PRIMARY KEY (mesh_id, order_id, idx)
    );
    CREATE TABLE order_taxes (
      mesh_id text NOT NULL,
      order_id text NOT NULL,
      idx integer NOT NULL,
      tax_id text NOT NULL,
      name text NOT NULL,
      rate_bp integer NOT NULL,
      included ${t.bool} NOT NULL,
      base ${t.money} NOT NULL,
      tax ${t.money} NOT NULL,
      PRIMARY KEY (mesh_id, order_id, idx)
    );
    CREATE TABLE transfers (
      mesh_id text NOT NULL,
      id text NOT NULL,
      status text NOT NULL,
      from_till text NOT NULL,
      finalised_by text,
      order_number text,
      event_count integer NOT NULL,
      sent_at text,
      last_event_at text,
      events ${t.json} NOT NULL,
      PRIMARY KEY (mesh_id, id)
    );
    CREATE TABLE cash_moves (
      mesh_id text NOT NULL,
      id text NOT NULL,
      till text NOT NULL,
      business_date text NOT NULL,
      amount ${t.money} NOT NULL,
      reason text NOT NULL,
      at text NOT NULL,
      by_id text NOT NULL,
      approved_by_id text,
      record ${t.json} NOT NULL,
      PRIMARY KEY (mesh_id, id)
    );
    CREATE INDEX cash_moves_by_day ON cash_moves (mesh_id, till, business_date);
    CREATE TABLE drawer_openings (
      mesh_id text NOT NULL,
      id text NOT NULL,
      till text NOT NULL,
      business_date text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('sale', 'no-sale')),
      order_id text,
      order_number text,
      reason text NOT NULL,
      at text NOT NULL,
      by_id text NOT NULL,
      record ${t.json} NOT NULL,
      PRIMARY KEY (mesh_id, id)
    );
    CREATE INDEX drawer_openings_by_day ON drawer_openings (mesh_id, till, business_date);
    CREATE TABLE z_reports (
      mesh_id text NOT NULL,
      id text NOT NULL,
      till text NOT NULL,
      business_date text NOT NULL,
      session integer NOT NULL,
      currency text NOT NULL,
      opened_at text NOT NULL,
      closed_at text,
      sales_count integer NOT NULL,
      sales_total ${t.money} NOT NULL,
      refunds_count integer NOT NULL,
      refunds_total ${t.money} NOT NULL,
      net ${t.money} NOT NULL,
      meta ${t.json} NOT NULL,
      report ${t.json} NOT NULL,
      PRIMARY KEY (mesh_id, id)
    );
    CREATE INDEX z_reports_by_day ON z_reports (mesh_id, till, business_date);
`;
