import type { sale as en } from '../en/sale.ts';

export const sale: Record<keyof typeof en, string> = {};
