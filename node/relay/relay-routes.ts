/**
 * The relay's small API: who it is (public), sign-in with the mesh's staff
 * (it holds their document), and its status for managers and the operator's
 * CLI. Everything else a till's API does needs a till.
 */
import type { HealthResponse, StaffEntry } from '../../crdt/api-types.ts';
import { requireManager } from '../till/access.ts';
import type { Route } from '../api/http-types.ts';
import { parse } from '../api/parse-body.ts';
import { loginBody } from '../api/request-schemas.ts';
import type { Relay, RelayStatus } from './relay.ts';

export function relayRoutes(relay: Relay): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/health',
      public: true,
      handler: (): HealthResponse => ({ ok: true, till: relay.config.name, language: 'en' }),
    },
    {
      method: 'GET',
      path: '/api/staff',
      public: true,
      handler: (): StaffEntry[] => relay.auth.staffList(),
    },
    {
      method: 'POST',
      path: '/api/login',
      public: true,
      handler: (req) => {
        const { staffId, pin } = parse(loginBody, req);
        return relay.auth.login(staffId, pin, req.client);
      },
    },
    {
      method: 'GET',
      path: '/api/status',
      handler: (req): RelayStatus => {
        requireManager(req.actor, "the relay's status");
        return relay.status();
      },
    },
  ];
}
