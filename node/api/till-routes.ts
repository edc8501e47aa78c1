/** The till's JSON API: sign-in, settings, catalogue, staff, the business day and reports. */
import type {
  ClosePreview,
  CloseResult,
  DayInfo,
  HealthResponse,
  SettingsResponse,
  StaffEntry,
} from '../../crdt/api-types.ts';
import type { Till } from '../till/till.ts';
import type { Route } from './http-types.ts';
import { HttpError } from './http-types.ts';
import { parse } from './parse-body.ts';
import * as body from './request-schemas.ts';

export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

export function tillRoutes(till: Till): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/health',
      public: true,
      handler: (): HealthResponse => ({
        ok: true,
        till: till.code,
        language: till.settings().tills.find((t) => t.code === till.code)?.language ?? 'en',
      }),
    },
    {
      method: 'GET',
      path: '/api/staff',
      public: true,
      handler: (): StaffEntry[] => till.auth.staffList(),
    },
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
    {
      method: 'PUT',
      path: '/api/tills/:code/language',
      handler: (req): SettingsResponse => (
        till.setTillLanguage(
          req.actor,
          req.params.code ?? '',
          parse(body.languageBody, req).language,
        ),
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
          throw new HttpError(404, 'UNKNOWN_BARCODE', `no product has barcode ${req.params.code}`, {
            barcode: req.params.code,
          });
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
    { method: 'GET', path: '/api/staff-members', handler: (req) => till.staff.list(req.actor) },
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
      handler: (): DayInfo => ({
        day: till.status().day,
        carriedOver: till.days.carriedOver().length,
      }),
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
        const { amount, reason, approval } = parse(body.cashMoveBody, req);
        return till.days.cashMove(req.actor, amount, reason, approval);
      },
    },
    {
      method: 'POST',
      path: '/api/day/close',
      handler: (req) => {
        const { counted, carryOver } = parse(body.closeDayBody, req);
        const result: CloseResult = till.days.closeDay(req.actor, counted, { carryOver });
        return result;
      },
    },
    {
      method: 'POST',
      path: '/api/day/close/preview',
      handler: (req): ClosePreview =>
        till.days.closePreview(req.actor, parse(body.closeDayBody, req).counted),
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
  ];
}
