/** Cart transfers between tills: send, the queue, the offers, claim, release, cancel. */
import type { OrderWithTotals, TransferNotice, TransferView } from '../../crdt/api-types.ts';
import type { TillCode, OrderId } from '../../crdt/ids.ts';
import { withTotals } from '../../crdt/pricing.ts';
import type { TransferState } from '../../crdt/transfers.ts';
import type { Till } from '../till/till.ts';
import type { ApiRequest, Route } from './http-types.ts';
import { parse } from './parse-body.ts';
import * as body from './request-schemas.ts';

export function transferRoutes(till: Till): Route[] {
  const order = (req: ApiRequest) => req.params.id as OrderId;
  const view = (state: TransferState) => till.transfers.view(state);
  return [
    {
      method: 'POST',
      path: '/api/carts/:id/send',
      handler: (req): TransferView => {
        const { mode, targets } = parse(body.sendBody, req);
        return view(
          till.transfers.send(req.actor, order(req), {
            mode,
            targets: targets as TillCode[] | null,
          }),
        );
      },
    },
    {
      method: 'GET',
      path: '/api/transfers',
      handler: (req): TransferView[] => {
        const status = req.query.get('status');
        return till.transfers
          .all()
          .filter((t) => !status || t.status === status)
          .map(view);
      },
    },
    {
      method: 'GET',
      path: '/api/transfers/offered',
      handler: (): TransferView[] => till.transfers.offered().map(view),
    },
    {
      method: 'GET',
      path: '/api/transfers/notices',
      handler: (req): TransferNotice[] =>
        till.transfers.notices.since(Number(req.query.get('since') ?? 0) || 0),
    },
    {
      method: 'GET',
      path: '/api/transfers/:id',
      handler: (req): TransferView => view(till.transfers.get(req.params.id ?? '')),
    },
    {
      method: 'POST',
      path: '/api/transfers/:id/claim',
      // the rebuilt cart with its totals, like every cart the API answers with
      handler: (req): OrderWithTotals =>
        withTotals(till.transfers.claim(req.actor, req.params.id ?? '')),
    },
    {
      method: 'POST',
      path: '/api/transfers/:id/release',
      handler: (req): TransferView => view(till.transfers.release(req.actor, req.params.id ?? '')),
    },
    {
      method: 'POST',
      path: '/api/transfers/:id/cancel',
      handler: (req): OrderWithTotals =>
        withTotals(till.transfers.cancel(req.actor, req.params.id ?? '')),
    },
  ];
}
