import type { IncomingMessage } from 'node:http';

/** The token of a request: the Authorization header, or ?token= where a browser cannot set headers (WebSocket). */
export function bearerToken(req: IncomingMessage, url: URL): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ')
    ? header.slice(7).trim()
    : (url.searchParams.get('token') ?? '');
}
