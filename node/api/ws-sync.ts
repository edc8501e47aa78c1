/**
 * The y-websocket protocol for the UI: one socket per document (the URL names
 * it: /sync/<doc>?token=...), so the stock y-websocket provider, or any Yjs
 * tool, can follow a till. Read-only by design: the browser changes nothing by
 * sync; every write goes through the JSON API, where it is authorised and
 * recorded as the signed-in staff member. Every socket is bounded like a peer
 * stream (see ui-socket.ts), and the sockets of one session, of one client
 * address and of the whole till share limits (ui-socket-groups.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { STAFF_DOC } from '../../crdt/documents.ts';
import type { Actor } from '../auth/sessions.ts';
import type { Logger } from '../log.ts';
import type { Till } from '../till/till.ts';
import { bearerToken } from './bearer-token.ts';
import { parseRequestUrl, safeDecode } from './request-url.ts';
import { Room } from './ui-room.ts';
import type { GroupLimits, SocketGroup } from './ui-socket-groups.ts';
import { SocketGroups } from './ui-socket-groups.ts';
import { UiSocket } from './ui-socket.ts';
import { uiUpdate } from './ui-sync-wire.ts';

export { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './ui-sync-wire.ts';
export { CLOSE_MALFORMED, CLOSE_TOO_FAST, CLOSE_TRY_AGAIN_LATER } from './ui-socket.ts';

/** A read-only client sends state vectors and awareness: small. */
export const MAX_CLIENT_MESSAGE_BYTES = 1024 * 1024;
export const PING_INTERVAL_MS = 30_000;
/** Well under the stock client's 30 s silence limit, checked every 3 s (see KEEPALIVE_MESSAGE). */
export const KEEPALIVE_INTERVAL_MS = 10_000;
export const CLOSE_DOC_RETIRED = 4404;
export const CLOSE_SIGNED_OUT = 4401;

/** One signed-in browser: a tab follows two or three documents; a few tabs. */
export const SESSION_LIMITS: GroupLimits = {
  maxSockets: 16,
  rate: { burst: 100, perSecond: 20 },
  maxBufferedBytes: 2 * 1024 * 1024,
};
/** One client address: every cashier of a till may sign in from the same browser. */
export const CLIENT_LIMITS: GroupLimits = {
  maxSockets: 64,
  rate: { burst: 300, perSecond: 60 },
  maxBufferedBytes: 8 * 1024 * 1024,
};
/** The whole till: no shared rate (one client could spend it for everyone), only totals. */
export const TILL_LIMITS: GroupLimits = { maxSockets: 256, maxBufferedBytes: 32 * 1024 * 1024 };

/** Synced between tills only: PIN hashes never reach a browser. */
export const NOT_FOR_THE_UI = new Set([STAFF_DOC]);

function refuse(socket: Duplex, status: number, reason: string): void {
  // a client that resets before it reads the refusal must not crash the till (unhandled 'error')
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

export class SyncServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
  });
  private readonly rooms = new Map<string, Room>();
  private readonly groups = new SocketGroups<UiSocket>();
  private readonly unsubscribe: Array<() => void>;
  private readonly pinger: NodeJS.Timeout;
  private readonly keepAlive: NodeJS.Timeout;

  constructor(
    private readonly till: Till,
    private readonly log: Logger,
  ) {
    this.unsubscribe = [
      till.ctx.docs.onUpdate((doc, update) => this.broadcast(doc, update)),
      till.ctx.docs.onRetire((doc) => this.closeRoom(doc)),
      till.auth.sessions.onRevoke((token) => this.closeToken(token)),
    ];
    this.pinger = setInterval(
      () => this.eachSocket((s) => s.heartbeat()),
      PING_INTERVAL_MS,
    ).unref();
    this.keepAlive = setInterval(
      () => this.eachSocket((s) => s.keepAlive()),
      KEEPALIVE_INTERVAL_MS,
    );
    this.keepAlive.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = parseRequestUrl(req.url);
    if (!url) return refuse(socket, 400, 'Bad Request');
    if (!url.pathname.startsWith('/sync/')) return refuse(socket, 404, 'Not Found');
    const token = bearerToken(req, url);
    const actor = token ? this.till.auth.resolve(token) : undefined;
    if (!actor) return refuse(socket, 401, 'Unauthorized');
    const name = safeDecode(url.pathname.slice('/sync/'.length));
    if (name === undefined) return refuse(socket, 400, 'Bad Request');
    if (NOT_FOR_THE_UI.has(name)) return refuse(socket, 403, 'Forbidden');
    const doc = this.till.doc(name);
    if (!doc) return refuse(socket, 404, 'Not Found');
    const client = req.socket.remoteAddress ?? 'unknown';
    const admission = this.groups.admit([
      { kind: 'session', key: token, limits: SESSION_LIMITS },
      { kind: 'client', key: client, limits: CLIENT_LIMITS },
      { kind: 'till', key: '', limits: TILL_LIMITS },
    ]);
    if ('refusedBy' in admission) {
      this.log.warn('ui socket refused', {
        staff: actor.id,
        name: actor.name,
        doc: name,
        client,
        limit: `${admission.reason} per ${admission.refusedBy.kind}`,
      });
      return refuse(socket, 429, 'Too Many Requests');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.attach(ws, name, doc, actor, client, admission.groups),
    );
  }

  close(): void {
    clearInterval(this.pinger);
    clearInterval(this.keepAlive);
    for (const off of this.unsubscribe) off();
    for (const name of this.rooms.keys()) this.closeRoom(name);
    this.groups.clear();
    this.wss.close();
  }

  private attach(
    ws: WebSocket,
    name: string,
    doc: Y.Doc,
    actor: Actor,
    client: string,
    groups: Array<SocketGroup<UiSocket>>,
  ): void {
    let room = this.rooms.get(name);
    if (!room) this.rooms.set(name, (room = new Room(doc)));
    const socket = new UiSocket({
      ws,
      doc,
      docName: name,
      actor,
      client,
      groups,
      answer: (stateVector) => room.answer(stateVector),
      log: this.log,
      onClose: (closed) => {
        room.sockets.delete(closed);
        if (room.sockets.size === 0 && this.rooms.get(name) === room) {
          this.rooms.delete(name);
          room.close();
        }
        this.groups.leave(closed, groups);
      },
    });
    room.sockets.add(socket);
    this.groups.join(socket, groups);
    this.log.debug('ui follows document', { doc: name, who: actor.name });
  }

  private broadcast(name: string, update: Uint8Array): void {
    const room = this.rooms.get(name);
    if (!room) return;
    const message = uiUpdate(update);
    for (const socket of room.sockets) socket.update(update, message);
  }

  private closeRoom(name: string): void {
    for (const socket of this.rooms.get(name)?.sockets ?? [])
      socket.close(CLOSE_DOC_RETIRED, 'document closed');
    this.rooms.get(name)?.close();
    this.rooms.delete(name);
  }

  /** A signed-out (or deactivated) user stops receiving at once. */
  private closeToken(token: string): void {
    for (const socket of [...(this.groups.get('session', token)?.members ?? [])])
      socket.close(CLOSE_SIGNED_OUT, 'signed out');
  }

  private eachSocket(fn: (socket: UiSocket) => void): void {
    for (const room of this.rooms.values()) for (const socket of room.sockets) fn(socket);
  }
}
