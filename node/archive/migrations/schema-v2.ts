/**
 * Version 2 of the archive schema, the same SQL in both databases. An order's
 * signature covers the day document it was written in, and the session part
 * of that name is not in the order: without `doc` an archived order cannot be
 * verified. Rows archived before version 2 keep NULL there (verify says so).
 * The index reads one till's chain at a time, in key order, for verify.
 */
export const SCHEMA_V2 = `
    ALTER TABLE orders ADD COLUMN doc text;
    CREATE INDEX orders_by_signer ON orders (mesh_id, signer, id);
`;
