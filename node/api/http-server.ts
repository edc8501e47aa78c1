/**
 * The till's HTTP server: the JSON API under /api, Yjs sync over WebSocket
 * under /sync, the UI at /. Bound to 127.0.0.1 unless the config says otherwise.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.ts';
import type { Till } from '../till/till.ts';
import { errorResponse } from './error-response.ts';
import type { ApiRequest, Route } from './http-types.ts';
import { HttpError } from './http-types.ts';
import { Router } from './router.ts';
import { serveUi } from './static-ui.ts';
import { tillRoutes } from './till-routes.ts';
import { cartRoutes } from './cart-routes.ts';
import { transferRoutes } from './transfer-routes.ts';
import { deviceRoutes } from './device-routes.ts';
import { EventStreamResponse, RawResponse, serveEventStream } from './responses.ts';
import type { DeviceService } from '../devices/device-service.ts';
import { SyncServer } from './ws-sync.ts';
import { parseRequestUrl } from './request-url.ts';
import { bearerToken } from './bearer-token.ts';
import type { Actor } from '../auth/sessions.ts';
import type { TillAuth } from '../auth/till-auth.ts';
import type { Duplex } from 'node:stream';

export const DEFAULT_BODY_LIMIT = 256 * 1024;

export interface ApiServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // stop buffering but keep the socket, so the client gets the 413 and not a reset
        req.removeAllListeners('data');
        req.resume();
        reject(
          new HttpError(413, 'BODY_TOO_LARGE', `request body over ${limit} bytes`, undefined, {
            connection: 'close',
          }),
        );
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(
          new HttpError(
            400,
            'INVALID_JSON',
            `request body is not JSON: ${(error as Error).message}`,
          ),
        );
      }
    });
    req.on('error', reject);
  });
}

/** A signed-in stream ends with its session, like a sync socket. */
function endOnSignOut(auth: TillAuth, token: string) {
  return (end: () => void) => auth.sessions.onRevoke((revoked) => revoked === token && end());
}

export async function startApiServer(
  till: Till,
  devices: DeviceService,
  log: Logger,
  listen = till.config.http,
): Promise<ApiServer> {
  const sync = new SyncServer(till, log.child('sync'));
  return serveApi({
    routes: [
      ...tillRoutes(till),
      ...cartRoutes(till, devices),
      ...transferRoutes(till),
      ...deviceRoutes(till, devices),
    ],
    auth: till.auth,
    log,
    listen,
    upgrade: (req, socket, head) => sync.handleUpgrade(req, socket, head),
    page: serveUi,
    onClose: () => sync.close(),
  });
}

export interface ApiServerOptions {
  routes: Route[];
  auth: TillAuth;
  log: Logger;
  listen: { host: string; port: number };
  /** A WebSocket upgrade (the till's /sync). */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Everything outside /api/ (the till's UI). */
  page: (pathname: string, res: ServerResponse) => void;
  onClose?: () => void;
}

/** The JSON API over HTTP: routes, sign-in, errors in words, bodies bounded. */
export async function serveApi(o: ApiServerOptions): Promise<ApiServer> {
  const { log, listen } = o;
  const router = new Router(o.routes);

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const started = performance.now();
    let status = 200;
    try {
      const { route, params, allowed } = router.match(req.method ?? 'GET', url.pathname);
      if (!route) {
        if (allowed.length)
          throw new HttpError(405, 'METHOD_NOT_ALLOWED', `use ${allowed.join(' or ')}`, undefined, {
            allow: allowed.join(', '),
          });
        throw new HttpError(404, 'NO_SUCH_ROUTE', `no API route ${req.method} ${url.pathname}`);
      }
      const token = bearerToken(req, url);
      let actor: Actor | undefined;
      if (!route.public) {
        actor = token ? o.auth.resolve(token) : undefined;
        if (!actor)
          throw new HttpError(401, 'UNAUTHORIZED', 'sign in first (Authorization: Bearer <token>)');
      }
      const body =
        req.method === 'GET'
          ? undefined
          : await readBody(req, route.maxBodyBytes ?? DEFAULT_BODY_LIMIT);
      const apiRequest: ApiRequest = {
        params,
        query: url.searchParams,
        body,
        actor: actor as Actor,
        token,
        client: req.socket.remoteAddress ?? 'unknown',
      };
      const result = await route.handler(apiRequest);
      if (result instanceof EventStreamResponse)
        serveEventStream(res, result, route.public ? undefined : endOnSignOut(o.auth, token));
      else if (result instanceof RawResponse)
        res
          .writeHead(200, { 'content-type': result.contentType, 'cache-control': 'no-cache' })
          .end(result.body);
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(result ?? null));
    } catch (error) {
      const response = errorResponse(error);
      status = response.status;
      if (response.unexpected)
        log.error('request failed', { method: req.method, path: url.pathname, error });
      res
        .writeHead(response.status, { 'content-type': 'application/json', ...response.headers })
        .end(JSON.stringify(response.body));
    } finally {
      log.debug('request', {
        method: req.method,
        path: url.pathname,
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  };

  const server = createServer((req, res) => {
    const url = parseRequestUrl(req.url);
    if (!url) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BAD_URL', message: 'malformed request URL' } }));
      return;
    }
    if (url.pathname.startsWith('/api/')) void handleApi(req, res, url);
    else o.page(url.pathname, res);
  });
  server.on('upgrade', (req, socket, head) => {
    try {
      if (o.upgrade) o.upgrade(req, socket, head);
      else socket.destroy();
    } catch (error) {
      log.error('websocket upgrade failed', { error });
      socket.destroy();
    }
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(`http.port: ${listen.host}:${listen.port} is already in use`)
          : error,
      ),
    );
    server.listen(listen.port, listen.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}/`,
    port,
    server,
    close: async () => {
      o.onClose?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
