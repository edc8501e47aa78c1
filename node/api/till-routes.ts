/** The till's JSON API: every route, its access and the service call behind it. */
import type { z } from 'zod';
import type { CartOp } from '../../crdt/cart.ts';
import type { LineId, OrderId, ProductId, TillCode } from '../../crdt/ids.ts';
import { describeIssues } from '../../crdt/records.ts';
import type { Till } from '../till/till.ts';
import type { ApiRequest, Route } from './http-types.ts';
import { HttpError } from './http-types.ts';
import * as body from './request-schemas.ts';

function parse<T>(schema: z.ZodType<T>, req: ApiRequest): T {
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) throw new HttpError(400, 'INVALID_REQUEST', describeIssues(result.error));
  return result.data;
}

function lineOps(lineId: LineId, edit: z.infer<typeof body.editLineBody>): CartOp[] {
  const ops: CartOp[] = [];
  if (edit.qty !== undefined) ops.push({ type: 'setQty', lineId, qty: edit.qty });
  if (edit.price !== undefined) ops.push({ type: 'setPrice', lineId, price: edit.price });
  if (edit.discountBp !== undefined)
    ops.push({ type: 'setDiscount', lineId, discountBp: edit.discountBp });
  return ops;
}

export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

export function tillRoutes(till: Till): Route[] {
  const order = (req: ApiRequest) => req.params.id as OrderId;
  return [
    {
      method: 'GET',
      path: '/api/health',
      public: true,
      handler: () => ({ ok: true, till: till.code }),
    },
    { method: 'GET', path: '/api/staff', public: true, handler: () => till.auth.staffList() },
    {
      method: 'POST',
      path: '/api/login',
      public: true,
      handler: (req) => {
        const { staffId, pin } = parse(body.loginBody, req);
        return till.auth.login(staffId, pin, req.client);
      },
    },
    {
      method: 'POST',
      path: '/api/logout',
      handler: (req) => (till.auth.sessions.revoke(req.token), { ok: true }),
    },
    { method: 'GET', path: '/api/me', handler: (req) => req.actor },
    { method: 'GET', path: '/api/status', handler: () => till.status() },

    // settings
    { method: 'GET', path: '/api/settings', handler: () => till.settings() },
    {
      method: 'PATCH',
      path: '/api/settings',
      handler: (req) => till.updateSettings(req.actor, parse(body.settingsBody, req)),
    },
    {
      method: 'PUT',
      path: '/api/tills/:code/roles',
      handler: (req) => (
        till.setTillRoles(req.actor, req.params.code ?? '', parse(body.rolesBody, req)),
        till.settings()
      ),
    },

    // catalogue and staff
    {
      method: 'GET',
      path: '/api/catalogue/products',
      handler: (req) =>
        till.catalogue.search(
          req.query.get('q') ?? '',
          Math.min(Number(req.query.get('limit') ?? 50) || 50, 500),
        ),
    },
    {
      method: 'GET',
      path: '/api/catalogue/barcode/:code',
      handler: (req) => {
        const product = till.ctx.catalogue.byBarcode(req.params.code ?? '');
        if (!product)
          throw new HttpError(404, 'UNKNOWN_BARCODE', `no product has barcode ${req.params.code}`);
        return product;
      },
    },
    {
      method: 'GET',
      path: '/api/catalogue/categories',
      handler: () => till.ctx.catalogue.allCategories(),
    },
    { method: 'GET', path: '/api/catalogue/taxes', handler: () => till.ctx.catalogue.allTaxes() },
    {
      method: 'POST',
      path: '/api/catalogue/products',
      handler: (req) => till.catalogue.upsertProduct(req.actor, parse(body.productBody, req)),
    },
    {
      method: 'POST',
      path: '/api/catalogue/categories',
      handler: (req) => till.catalogue.upsertCategory(req.actor, parse(body.categoryBody, req)),
    },
    {
      method: 'POST',
      path: '/api/catalogue/taxes',
      handler: (req) => till.catalogue.upsertTax(req.actor, parse(body.taxBody, req)),
    },
    {
      method: 'POST',
      path: '/api/catalogue/import',
      maxBodyBytes: IMPORT_BODY_LIMIT,
      handler: (req) => till.catalogue.importTable(req.actor, parse(body.importBody, req)),
    },
    {
      method: 'POST',
      path: '/api/staff-members',
      handler: (req) => {
        const { pinHash: _hidden, ...staff } = till.staff.upsert(
          req.actor,
          parse(body.staffBody, req),
        );
        return staff;
      },
    },

    // business day
    {
      method: 'GET',
      path: '/api/day',
      handler: () => ({ day: till.status().day, carriedOver: till.days.carriedOver().length }),
    },
    {
      method: 'POST',
      path: '/api/day/open',
      handler: (req) => (
        till.days.openDay(req.actor, parse(body.openDayBody, req).float),
        till.status().day
      ),
    },
    {
      method: 'POST',
      path: '/api/day/cash',
      handler: (req) => {
        const { amount, reason } = parse(body.cashMoveBody, req);
        return till.days.cashMove(req.actor, amount, reason);
      },
    },
    {
      method: 'POST',
      path: '/api/day/close',
      handler: (req) => {
        const { counted, carryOver } = parse(body.closeDayBody, req);
        return till.days.closeDay(req.actor, counted, { carryOver });
      },
    },
    { method: 'GET', path: '/api/reports/x', handler: () => till.days.xReport() },
    {
      method: 'GET',
      path: '/api/reports/z/:date',
      handler: (req) => {
        const report = till.days.zReport(req.params.date ?? '');
        if (!report)
          throw new HttpError(
            404,
            'NO_SUCH_DAY',
            `no closed business day ${req.params.date} on ${till.code}`,
          );
        return report;
      },
    },

    // carts and orders
    { method: 'GET', path: '/api/carts', handler: () => till.sales.openCarts() },
    { method: 'POST', path: '/api/carts', handler: (req) => till.sales.createCart(req.actor) },
    {
      method: 'GET',
      path: '/api/carts/:id',
      handler: (req) => till.sales.ownOrder(order(req)).order,
    },
    {
      method: 'PATCH',
      path: '/api/carts/:id',
      handler: (req) => {
        const edit = parse(body.editCartBody, req);
        const ops: CartOp[] = [];
        if (edit.customer !== undefined) ops.push({ type: 'setCustomer', customer: edit.customer });
        if (edit.note !== undefined) ops.push({ type: 'setNote', note: edit.note });
        return till.sales.applyOps(req.actor, order(req), ops);
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
        return till.sales.applyOp(req.actor, order(req), op);
      },
    },
    {
      method: 'PATCH',
      path: '/api/carts/:id/lines/:lineId',
      handler: (req) =>
        till.sales.applyOps(
          req.actor,
          order(req),
          lineOps(req.params.lineId as LineId, parse(body.editLineBody, req)),
        ),
    },
    {
      method: 'DELETE',
      path: '/api/carts/:id/lines/:lineId',
      handler: (req) =>
        till.sales.applyOp(req.actor, order(req), {
          type: 'removeLine',
          lineId: req.params.lineId as LineId,
        }),
    },
    {
      method: 'POST',
      path: '/api/carts/:id/pay',
      handler: (req) => till.sales.pay(req.actor, order(req), parse(body.payBody, req).payments),
    },
    {
      method: 'POST',
      path: '/api/carts/:id/void',
      handler: (req) => till.sales.voidCart(req.actor, order(req)),
    },
    {
      method: 'GET',
      path: '/api/orders/:ref',
      handler: (req) => {
        const found = till.sales.findOrder(req.params.ref ?? '');
        if (!found) throw new HttpError(404, 'ORDER_NOT_FOUND', `no order ${req.params.ref}`);
        return { order: found, refunds: till.sales.refundsOf(found.id) };
      },
    },
    {
      method: 'POST',
      path: '/api/orders/:ref/refund',
      handler: (req) => {
        const { lines, payments } = parse(body.refundBody, req);
        return till.sales.refund(
          req.actor,
          req.params.ref ?? '',
          lines.map((l) => ({ lineId: l.lineId as LineId, qty: l.qty })),
          payments,
        );
      },
    },

    // cart transfers between tills
    {
      method: 'POST',
      path: '/api/carts/:id/send',
      handler: (req) => {
        const { mode, targets } = parse(body.sendBody, req);
        return till.transfers.send(req.actor, order(req), {
          mode,
          targets: targets as TillCode[] | null,
        });
      },
    },
    {
      method: 'GET',
      path: '/api/transfers',
      handler: (req) => {
        const status = req.query.get('status');
        return till.transfers.all().filter((t) => !status || t.status === status);
      },
    },
    { method: 'GET', path: '/api/transfers/offered', handler: () => till.transfers.offered() },
    {
      method: 'GET',
      path: '/api/transfers/notices',
      handler: (req) => till.transfers.notices.since(Number(req.query.get('since') ?? 0) || 0),
    },
    {
      method: 'GET',
      path: '/api/transfers/:id',
      handler: (req) => till.transfers.get(req.params.id ?? ''),
    },
    {
      method: 'POST',
      path: '/api/transfers/:id/claim',
      handler: (req) => till.transfers.claim(req.actor, req.params.id ?? ''),
    },
    {
      method: 'POST',
      path: '/api/transfers/:id/release',
      handler: (req) => till.transfers.release(req.actor, req.params.id ?? ''),
    },
    {
      method: 'POST',
      path: '/api/transfers/:id/cancel',
      handler: (req) => till.transfers.cancel(req.actor, req.params.id ?? ''),
    },
  ];
}
