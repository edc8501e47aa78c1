/** Each kind of planned event and what it does when it runs. */
import type { FaultKind, WorkKind } from '../plan.ts';
import { cashMove, closeDay, editCatalogue } from './back-office.ts';
import type { WorkContext } from './context.ts';
import type { FaultContext } from './faults.ts';
import { crash, cut, heal, isolate, partition, restart, skew } from './faults.ts';
import { forge } from './forgeries.ts';
import { refund } from './refunds.ts';
import { openCart, payOpen, sale, voidOpen } from './sales.ts';
import { cancel, claim, claimAndPay, release, send } from './transfers.ts';

export const WORK: Record<WorkKind, (w: WorkContext) => string> = {
  sale,
  openCart,
  payOpen,
  voidCart: voidOpen,
  refund,
  send,
  claim,
  claimAndPay,
  release,
  cancel,
  catalogue: editCatalogue,
  cashMove,
  closeDay,
  forge,
};

export const FAULTS: Record<FaultKind, (f: FaultContext) => string> = {
  partition,
  heal,
  cut,
  crash,
  restart,
  skew,
  isolate,
};
