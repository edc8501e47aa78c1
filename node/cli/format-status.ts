/** The mesh section of `posmesh status`, in words. */
import type { MeshStatus, TillPresence } from '../../crdt/status.ts';

/** "4 s ago", "12 min ago", "3 h ago", else the date and time. */
export function ago(at: string | null, now: number): string | null {
  if (!at) return null;
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) return at;
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 120 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

const onlineText = (t: TillPresence) =>
  `${t.till} "${t.name}"${t.staff.length ? ` (${t.staff.join(', ')})` : ''}`;

export function meshLines(mesh: MeshStatus | undefined, now = Date.now()): string[] {
  if (!mesh) return [];
  const label = (text: string) =>
    text.padEnd(Math.max(9, ...mesh.peers.map((p) => (p.till ?? '?').length)));
  const peers = mesh.peers.map((p) => {
    const facts = [
      p.connected ? 'connected' : 'not connected',
      `last seen ${ago(p.lastSeen, now) ?? 'never'}`,
      p.lastSync ? `last sync ${ago(p.lastSync, now)}` : 'never synced',
      ...(p.connected && p.rttMs !== null ? [`round trip ${Math.round(p.rttMs)} ms`] : []),
      ...(p.behind.length ? [`behind on ${p.behind.join(', ')}`] : []),
    ];
    return `  ${label(p.till ?? '?')}  ${p.peerId}  ${facts.join(', ')}`;
  });
  // the peer id is beside them: no need to repeat it on every address
  const listen = mesh.listen.map((a) => a.replace(`/p2p/${mesh.peerId}`, ''));
  const online = [...mesh.online].sort((a, b) => a.till.localeCompare(b.till));
  return [
    `mesh ${mesh.meshId}`,
    `  ${label('this till')}  ${mesh.peerId}  listening on ${listen.join(', ') || 'nothing'}`,
    ...(peers.length ? peers : ['  no other till seen yet']),
    `  online: ${online.map(onlineText).join(', ') || 'none'}`,
  ];
}
