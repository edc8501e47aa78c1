import type { manager as en } from '../en/manager.ts';

export const manager: Record<keyof typeof en, string> = {};
