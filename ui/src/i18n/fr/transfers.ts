import type { transfers as en } from '../en/transfers.ts';

export const transfers: Record<keyof typeof en, string> = {};
