/** Branded ids: a TillCode cannot be passed where an OrderId is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type TillCode = Brand<string, 'TillCode'>;
export type OrderId = Brand<string, 'OrderId'>;
export type LineId = Brand<string, 'LineId'>;
export type ProductId = Brand<string, 'ProductId'>;
export type CategoryId = Brand<string, 'CategoryId'>;
export type TaxId = Brand<string, 'TaxId'>;
export type StaffId = Brand<string, 'StaffId'>;
export type TransferId = Brand<string, 'TransferId'>;
export type CashMoveId = Brand<string, 'CashMoveId'>;
export type DrawerOpeningId = Brand<string, 'DrawerOpeningId'>;

/** Random UUID from Web Crypto, present in Node 20 and every browser we target. */
export const newId = <T extends string>(): T => globalThis.crypto.randomUUID() as T;

export const TILL_CODE_PATTERN = /^[A-Z0-9]{1,8}$/;
export const isTillCode = (value: string): value is TillCode => TILL_CODE_PATTERN.test(value);
