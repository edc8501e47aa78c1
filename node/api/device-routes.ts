/**
 * The hardware proxy over HTTP: device states and events, the print queue and
 * its held tickets, reprints, day reports and a test page on the printer,
 * receipt previews, opening the drawer, which cart
 * the screen is on, and the customer display for a browser (/display).
 */
import type { QueuedTicket } from '../../crdt/api-types.ts';
import type { OrderId } from '../../crdt/ids.ts';
import type { DeviceService } from '../devices/device-service.ts';
import type { Till } from '../till/till.ts';
import type { Route } from './http-types.ts';
import { parse } from './parse-body.ts';
import * as body from './request-schemas.ts';
import { EventStreamResponse, RawResponse } from './responses.ts';

export function deviceRoutes(till: Till, devices: DeviceService): Route[] {
  const jobId = (id: string | undefined) => Number(id) || 0;
  return [
    { method: 'GET', path: '/api/devices', handler: () => devices.status() },
    {
      method: 'GET',
      path: '/api/devices/stream',
      // the device states now, then every event as it happens (a browser passes ?token=)
      handler: () =>
        new EventStreamResponse((send) => {
          send({ type: 'snapshot', devices: devices.status() });
          return devices.events.onAdd(send);
        }),
    },
    {
      method: 'GET',
      path: '/api/devices/events',
      handler: (req) => devices.events.since(Number(req.query.get('since') ?? 0) || 0),
    },
    { method: 'GET', path: '/api/devices/printer/jobs', handler: () => devices.printJobs() },
    {
      method: 'POST',
      path: '/api/devices/printer/jobs/:id/print',
      handler: (req) => devices.releaseJob(req.actor, jobId(req.params.id)),
    },
    {
      method: 'POST',
      path: '/api/devices/printer/jobs/:id/discard',
      handler: (req) => devices.discardJob(req.actor, jobId(req.params.id)),
    },
    {
      method: 'POST',
      path: '/api/devices/printer/test',
      handler: (req): QueuedTicket => devices.testPrint(req.actor),
    },
    {
      method: 'POST',
      path: '/api/reports/x/print',
      handler: (req): QueuedTicket => devices.printXReport(req.actor),
    },
    {
      method: 'POST',
      path: '/api/reports/z/:date/print',
      handler: (req): QueuedTicket => devices.printZReport(req.actor, req.params.date ?? ''),
    },
    {
      method: 'POST',
      path: '/api/devices/drawer/open',
      handler: (req) => {
        const { reason, approval } = parse(body.drawerOpenBody, req);
        return devices.openDrawer(req.actor, reason, approval);
      },
    },
    {
      method: 'POST',
      path: '/api/orders/:ref/reprint',
      handler: (req) => devices.reprint(req.actor, req.params.ref ?? ''),
    },
    {
      method: 'GET',
      path: '/api/orders/:ref/receipt.svg',
      handler: (req) =>
        new RawResponse(
          'image/svg+xml; charset=utf-8',
          devices.receipts.svg(req.params.ref ?? '', req.query.get('copy') === '1'),
        ),
    },
    {
      method: 'PUT',
      path: '/api/screen',
      handler: (req) => {
        const { cartId } = parse(body.screenBody, req);
        devices.focus.set(cartId as OrderId | null, req.token);
        return { cartId, till: till.code };
      },
    },
    // what the customer sees is what the till's own screen already shows them: no sign-in
    {
      method: 'GET',
      path: '/api/display',
      public: true,
      handler: () => devices.devices.browserDisplay.current() ?? null,
    },
    {
      method: 'GET',
      path: '/api/display/stream',
      public: true,
      handler: () => new EventStreamResponse((send) => devices.devices.browserDisplay.watch(send)),
    },
  ];
}
