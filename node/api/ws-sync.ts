/**
 * The y-websocket protocol for the UI: one socket per document (the URL names
 * it: /sync/<doc>?token=...), so the stock y-websocket provider, or any Yjs
 * tool, can follow a till. Read-only by design: the browser changes nothing by
 * sync; every write goes through the JSON API, where it is authorised and
 * recorded as the signed-in staff member.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { STAFF_DOC } from '../../crdt/documents.ts';
import type { Logger } from '../log.ts';
import type { Till } from '../till/till.ts';
import { bearerToken } from './bearer-token.ts';
import { parseRequestUrl, safeDecode } from './request-url.ts';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MAX_CLIENT_MESSAGE_BYTES = 8 * 1024 * 1024;
export const PING_INTERVAL_MS = 30_000;
/** 4400-4499 tell the stock y-websocket client not to reconnect. */
export const CLOSE_DOC_RETIRED = 4404;
export const CLOSE_MALFORMED = 4400;
export const CLOSE_SIGNED_OUT = 4401;

/** Synced between tills only: PIN hashes never reach a browser. */
export const NOT_FOR_THE_UI = new Set([STAFF_DOC]);

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

export class SyncServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
  });
  private readonly rooms = new Map<string, Set<WebSocket>>();
  private readonly unsubscribe: Array<() => void>;
  private readonly pinger: NodeJS.Timeout;
  private readonly alive = new WeakSet<WebSocket>();
  private readonly tokens = new WeakMap<WebSocket, string>();

  constructor(
    private readonly till: Till,
    private readonly log: Logger,
  ) {
    this.unsubscribe = [
      till.ctx.docs.onUpdate((doc, update) => this.broadcast(doc, update)),
      till.ctx.docs.onRetire((doc) => this.closeRoom(doc)),
      till.auth.sessions.onRevoke((token) => this.closeToken(token)),
    ];
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS).unref();
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
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.attach(ws, name, doc, actor.name, token),
    );
  }

  close(): void {
    clearInterval(this.pinger);
    for (const off of this.unsubscribe) off();
    for (const name of this.rooms.keys()) this.closeRoom(name);
    this.wss.close();
  }

  private attach(ws: WebSocket, name: string, doc: Y.Doc, who: string, token: string): void {
    let room = this.rooms.get(name);
    if (!room) this.rooms.set(name, (room = new Set()));
    room.add(ws);
    this.tokens.set(ws, token);
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('message', (data: Buffer) => this.onMessage(ws, name, doc, data));
    ws.on('close', () => room.delete(ws));
    ws.on('error', (error) => this.log.warn('ui socket error', { doc: name, error }));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, doc);
    ws.send(encoding.toUint8Array(encoder));
    this.log.debug('ui follows document', { doc: name, who });
  }

  private onMessage(ws: WebSocket, name: string, doc: Y.Doc, data: Buffer): void {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        const step = decoding.readVarUint(decoder);
        if (step !== syncProtocol.messageYjsSyncStep1) return; // read-only: client updates are ignored
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        syncProtocol.readSyncStep1(decoder, reply, doc);
        ws.send(encoding.toUint8Array(reply));
      } else if (type !== MESSAGE_AWARENESS && type !== MESSAGE_QUERY_AWARENESS) {
        throw new Error(`unknown message type ${type}`);
      }
    } catch (error) {
      this.log.warn('malformed message from a ui socket; closing it', { doc: name, error });
      ws.close(CLOSE_MALFORMED, 'malformed message');
    }
  }

  private broadcast(name: string, update: Uint8Array): void {
    const room = this.rooms.get(name);
    if (!room?.size) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const ws of room) if (ws.readyState === ws.OPEN) ws.send(message);
  }

  private closeRoom(name: string): void {
    for (const ws of this.rooms.get(name) ?? []) ws.close(CLOSE_DOC_RETIRED, 'document closed');
    this.rooms.delete(name);
  }

  /** A signed-out (or deactivated) user stops receiving at once. */
  private closeToken(token: string): void {
    for (const room of this.rooms.values()) {
      for (const ws of room)
        if (this.tokens.get(ws) === token) ws.close(CLOSE_SIGNED_OUT, 'signed out');
    }
  }

  private ping(): void {
    for (const room of this.rooms.values()) {
      for (const ws of room) {
        if (!this.alive.has(ws)) {
          ws.terminate();
          continue;
        }
        this.alive.delete(ws);
        ws.ping();
      }
    }
  }
}
