/** The English catalogue: one file per area of the UI, one flat set of keys. */
import { common } from './common.ts';
import { errors } from './errors.ts';
import { manager } from './manager.ts';
import { sale } from './sale.ts';
import { settings } from './settings.ts';
import { status } from './status.ts';
import { transfers } from './transfers.ts';

export const en = {
  ...common,
  ...errors,
  ...sale,
  ...transfers,
  ...manager,
  ...status,
  ...settings,
};
