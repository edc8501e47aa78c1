/**
 * Order numbers, unique without a server: "<till code>-<business date>-<seq>".
 * The till code is unique in the mesh and the sequence is durable per till and
 * date, so two tills can never hand out the same number.
 */
import type { TillCode } from './ids.ts';

export function formatOrderNumber(till: TillCode, businessDate: string, seq: number): string {
  return `${till}-${businessDate}-${String(seq).padStart(4, '0')}`;
}

const NUMBER = /^([A-Z0-9]{1,8})-(\d{8})-(\d{4,})$/;

export function parseOrderNumber(
  value: string,
): { till: TillCode; businessDate: string; seq: number } | undefined {
  const match = NUMBER.exec(value);
  if (!match) return undefined;
  return { till: match[1] as TillCode, businessDate: match[2] ?? '', seq: Number(match[3]) };
}
