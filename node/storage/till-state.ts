/**
 * A till's own durable counters and holdings: the order sequence per business
 * date, carts carried over a day close, and small key-value facts.
 */
import type { Order } from '../../crdt/schema.ts';
import { orderSchema } from '../../crdt/schema.ts';
import type { Db } from './database.ts';
import type { ChainHead } from '../books/chain.ts';
import { EMPTY_CHAIN } from '../books/chain.ts';

const CHAIN_KEY = 'chain';

export class TillState {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      nextSeq: db.prepare(
        `INSERT INTO order_seq (business_date, last) VALUES (?, 1)
         ON CONFLICT (business_date) DO UPDATE SET last = last + 1 RETURNING last`,
      ),
      carry: db.prepare(
        `INSERT OR REPLACE INTO carry_over (order_id, data, from_date) VALUES (?, ?, ?)`,
      ),
      carried: db.prepare(`SELECT data FROM carry_over ORDER BY from_date, order_id`),
      clearCarried: db.prepare(`DELETE FROM carry_over`),
      get: db.prepare(`SELECT value FROM till_meta WHERE key = ?`),
      set: db.prepare(`INSERT OR REPLACE INTO till_meta (key, value) VALUES (?, ?)`),
    };
  }

  /** Next order sequence for a business date; never handed out twice, even across restarts. */
  nextOrderSeq(businessDate: string): number {
    return (this.stmts.nextSeq.get(businessDate) as { last: number }).last;
  }

  carryOver(orders: readonly Order[]): void {
    for (const order of orders)
      this.stmts.carry.run(order.id, JSON.stringify(order), order.businessDate);
  }

  carriedCarts(): Order[] {
    return (this.stmts.carried.all() as Array<{ data: string }>).map((row) =>
      orderSchema.parse(JSON.parse(row.data)),
    );
  }

  clearCarried(): void {
    this.stmts.clearCarried.run();
  }

  /** Where this till's chain of sales ends: read and moved on in the payment's transaction. */
  chainHead(): ChainHead {
    const stored = this.get(CHAIN_KEY);
    return stored ? (JSON.parse(stored) as ChainHead) : EMPTY_CHAIN;
  }

  setChainHead(head: ChainHead): void {
    this.set(CHAIN_KEY, JSON.stringify(head));
  }

  get(key: string): string | undefined {
    return (this.stmts.get.get(key) as { value: string } | undefined)?.value;
  }

  set(key: string, value: string): void {
    this.stmts.set.run(key, value);
  }
}
