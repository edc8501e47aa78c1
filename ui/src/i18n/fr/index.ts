/** The French catalogue: the same keys as the English one, checked by the compiler. */
import { common } from './common.ts';
import { errors } from './errors.ts';
import { manager } from './manager.ts';
import { sale } from './sale.ts';
import { settings } from './settings.ts';
import { status } from './status.ts';
import { transfers } from './transfers.ts';

export const fr = {
  ...common,
  ...errors,
  ...sale,
  ...transfers,
  ...manager,
  ...status,
  ...settings,
};
