/**
 * Serves the built UI (ui/dist) with the right content types; paths are resolved
 * inside the folder only. Unknown paths get index.html (client-side routes).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { packageRoot } from '../package-root.ts';
import { safeDecode } from './request-url.ts';

export const UI_DIST = join(packageRoot(), 'ui', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>posmesh</title>
<h1>posmesh till is running</h1>
<p>The web UI is not part of this build yet (<code>ui/dist</code> is missing). Everything a till does is
reachable through the JSON API under <code>/api</code> and the <code>posmesh</code> command line; see the README.</p>`;

export function serveUi(path: string, res: ServerResponse, root = UI_DIST): void {
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NOT_BUILT);
    return;
  }
  const decoded = safeDecode(path);
  const wanted = decoded === undefined ? index : normalize(join(root, decoded));
  const inside = wanted.startsWith(root + sep);
  const file = inside && existsSync(wanted) && statSync(wanted).isFile() ? wanted : index;
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': file === index ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  res.end(readFileSync(file));
}
