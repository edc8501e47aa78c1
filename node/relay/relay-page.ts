/**
 * The relay's own small status page (`/`): a manager signs in with their PIN
 * (the mesh's staff), then sees the archive and the mesh, refreshed every few
 * seconds. Plain HTML and a few lines of script: the relay has no till UI.
 */
import type { ServerResponse } from 'node:http';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>posmesh relay</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d232a;background:#f4f5f7}
form,section{background:#fff;border-radius:10px;padding:1rem;max-width:48rem;margin-bottom:1rem}
input,select,button{font:inherit;min-height:44px;margin:.2rem}
table{border-collapse:collapse;width:100%}td,th{padding:.3rem;border-bottom:1px solid #e4e7ec;text-align:left}
.down{color:#b42318}.up{color:#1a7f37}
</style></head><body>
<h1>posmesh relay</h1>
<form id="login"><label>Manager <select id="staff"></select></label>
<label>PIN <input id="pin" type="password" inputmode="numeric" autocomplete="off"></label>
<button>Sign in</button><p id="error" role="alert"></p></form>
<div id="status" hidden></div>
<script>
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('relay.token') || '';
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'})[c]);
async function call(path, body) {
  const r = await fetch(path, { method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) }, body: body && JSON.stringify(body) });
  const j = await r.json().catch(() => null);
  if (!r.ok) throw new Error(j?.error?.message || r.statusText);
  return j;
}
async function show() {
  try {
    const s = await call('/api/status');
    const a = s.archive;
    $('login').hidden = true; $('status').hidden = false;
    $('status').innerHTML = '<section><h2>' + esc(s.relay.name) + '</h2><p>mesh ' + esc(s.relay.meshId) + ' · up ' + Math.round(s.uptimeMs / 1000) + ' s</p></section>'
      + '<section><h2>Archive</h2><p>' + esc(a.target) + '</p><p class="' + (a.lastError ? 'down' : 'up') + '">' + (a.lastError ? 'failing: ' + esc(a.lastError) : 'writing') + '</p>'
      + '<p>archived: ' + esc(Object.entries(a.archived).map(([k, n]) => n + ' ' + k).join(', ') || 'nothing yet') + '; last at ' + esc(a.lastArchivedAt || 'never') + '</p>'
      + '<p>waiting: ' + a.pending + ', the oldest for ' + Math.round(a.lagMs / 1000) + ' s</p></section>'
      + '<section><h2>Tills</h2><table><tr><th>Till</th><th>State</th><th>Last sync</th><th>Addresses</th></tr>'
      + s.mesh.peers.map((p) => '<tr><td>' + esc(p.till || p.peerId.slice(-8)) + '</td><td class="' + (p.connected ? 'up' : 'down') + '">' + (p.connected ? 'connected' : 'away') + '</td><td>' + esc(p.lastSync || 'never') + '</td><td>' + esc(p.addresses.join(', ')) + '</td></tr>').join('')
      + '</table></section>';
  } catch (e) {
    $('status').hidden = true; $('login').hidden = false;
    if (token) $('error').textContent = e.message;
  }
}
$('login').onsubmit = async (ev) => {
  ev.preventDefault();
  try {
    token = (await call('/api/login', { staffId: $('staff').value, pin: $('pin').value })).token;
    sessionStorage.setItem('relay.token', token); $('error').textContent = ''; show();
  } catch (e) { $('error').textContent = e.message; }
};
call('/api/staff').then((list) => { for (const s of list) if (s.role === 'manager') $('staff').add(new Option(s.name, s.id)); });
show(); setInterval(show, 3000);
</script></body></html>
`;

export function serveRelayPage(pathname: string, res: ServerResponse): void {
  if (pathname !== '/') {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  res
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy':
        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
    })
    .end(PAGE);
}
