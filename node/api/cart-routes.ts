/** Carts, orders and refunds: every cart edit also tells the devices which cart the screen is on. */
import type { z } from 'zod';
import type { CartOp } from '../../crdt/cart.ts';
import type { LineId, OrderId, ProductId } from '../../crdt/ids.ts';
import type { OrderDetail, OrderWithTotals } from '../../crdt/api-types.ts';
import { withTotals } from '../../crdt/pricing.ts';
import type { Order } from '../../crdt/schema.ts';
import type { DeviceService } from '../devices/device-service.ts';
import type { Till } from '../till/till.ts';
import type { ApiRequest, Route } from './http-types.ts';
import { HttpError } from './http-types.ts';
import { parse } from './parse-body.ts';
import * as body from './request-schemas.ts';

/** Orders listed at a time on the orders screen, and the most one request may ask for. */
export const ORDER_PAGE = 100;
export const MAX_ORDER_PAGE = 500;

function lineOps(lineId: LineId, edit: z.infer<typeof body.editLineBody>): CartOp[] {
  const ops: CartOp[] = [];
  if (edit.qty !== undefined) ops.push({ type: 'setQty', lineId, qty: edit.qty });
  if (edit.price !== undefined) ops.push({ type: 'setPrice', lineId, price: edit.price });
  if (edit.discountBp !== undefined)
    ops.push({ type: 'setDiscount', lineId, discountBp: edit.discountBp });
  return ops;
}

export function cartRoutes(till: Till, devices: DeviceService): Route[] {
  const order = (req: ApiRequest) => req.params.id as OrderId;
  /** The cart a person just worked on is the one the screen shows. */
  const focused = (req: ApiRequest, cart: Order): OrderWithTotals => {
    devices.focus.set(cart.status === 'open' ? cart.id : null, req.token);
    return withTotals(cart);
  };
  return [
    {
      method: 'GET',
      path: '/api/carts',
      handler: (): OrderWithTotals[] => till.sales.openCarts().map(withTotals),
    },
    {
      method: 'POST',
      path: '/api/carts',
      handler: (req) => focused(req, till.sales.createCart(req.actor)),
    },
    {
      method: 'GET',
      path: '/api/carts/:id',
      handler: (req) => withTotals(till.sales.ownOrder(order(req)).order),
    },
    {
      method: 'PATCH',
      path: '/api/carts/:id',
      handler: (req) => {
        const edit = parse(body.editCartBody, req);
        const ops: CartOp[] = [];
        if (edit.customer !== undefined) ops.push({ type: 'setCustomer', customer: edit.customer });
        if (edit.note !== undefined) ops.push({ type: 'setNote', note: edit.note });
        return focused(req, till.sales.applyOps(req.actor, order(req), ops));
      },
    },
    {
      method: 'POST',
      path: '/api/carts/:id/lines',
      handler: (req) => {
        const add = parse(body.addLineBody, req);
        const op: CartOp =
          'barcode' in add
            ? { type: 'addBarcode', barcode: add.barcode, qty: add.qty }
            : { type: 'addProduct', productId: add.productId as ProductId, qty: add.qty };
        return focused(req, till.sales.applyOp(req.actor, order(req), op));
      },
    },
    {
      method: 'PATCH',
      path: '/api/carts/:id/lines/:lineId',
      handler: (req) => {
        const edit = parse(body.editLineBody, req);
        return focused(
          req,
          till.sales.applyOps(
            req.actor,
            order(req),
            lineOps(req.params.lineId as LineId, edit),
            edit.approval,
          ),
        );
      },
    },
    {
      method: 'DELETE',
      path: '/api/carts/:id/lines/:lineId',
      handler: (req) =>
        focused(
          req,
          till.sales.applyOp(req.actor, order(req), {
            type: 'removeLine',
            lineId: req.params.lineId as LineId,
          }),
        ),
    },
    {
      method: 'POST',
      path: '/api/carts/:id/pay',
      handler: (req) =>
        focused(req, till.sales.pay(req.actor, order(req), parse(body.payBody, req).payments)),
    },
    {
      method: 'POST',
      path: '/api/carts/:id/void',
      handler: (req) => {
        const { approval, reason } = parse(body.voidBody, req);
        return focused(req, till.sales.voidCart(req.actor, order(req), approval, reason));
      },
    },
    {
      method: 'GET',
      path: '/api/orders',
      handler: (req): Order[] =>
        till.sales.paidOrders(
          req.query.get('q') ?? '',
          Math.min(Number(req.query.get('limit') ?? ORDER_PAGE) || ORDER_PAGE, MAX_ORDER_PAGE),
        ),
    },
    {
      method: 'GET',
      path: '/api/orders/:ref',
      handler: (req): OrderDetail => {
        const found = till.sales.findOrder(req.params.ref ?? '');
        if (!found)
          throw new HttpError(404, 'ORDER_NOT_FOUND', `no order ${req.params.ref}`, {
            ref: req.params.ref,
          });
        return {
          order: found,
          refunds: till.sales.refundsOf(found.id),
          requests: till.refunds.requests.of(found.id),
        };
      },
    },
    {
      method: 'POST',
      path: '/api/orders/:ref/refund',
      handler: (req) => {
        const { lines, payments, provisional, approval, payout } = parse(body.refundBody, req);
        return till.refunds.refund(
          req.actor,
          req.params.ref ?? '',
          lines.map((l) => ({ lineId: l.lineId as LineId, qty: l.qty })),
          payments,
          { provisional, approval, payout },
        );
      },
    },
  ];
}
