/**
 * Answers that are not JSON: a file (a receipt's SVG) and a server-sent event
 * stream (the customer display). Streams are bounded like every socket: a
 * few at a time, and a page that stops reading gets only the newest event when
 * it reads again, never a growing buffer.
 */
import type { ServerResponse } from 'node:http';

export const MAX_EVENT_STREAMS = 16;
/** Unsent bytes a stream may hold before older events are dropped for the newest. */
export const MAX_STREAM_BUFFER_BYTES = 64 * 1024;
/** A comment line now and then keeps proxies and the browser from timing the stream out. */
export const HEARTBEAT_MS = 15_000;

export class RawResponse {
  constructor(
    readonly contentType: string,
    readonly body: string | Uint8Array,
  ) {}
}

/** `subscribe` gets a send function and returns its unsubscribe. */
export class EventStreamResponse {
  constructor(readonly subscribe: (send: (data: unknown) => void) => () => void) {}
}

let open = 0;

/** `until` ends the stream from outside (its session was revoked); it returns its unsubscribe. */
export function serveEventStream(
  res: ServerResponse,
  stream: EventStreamResponse,
  until?: (end: () => void) => () => void,
): void {
  if (open >= MAX_EVENT_STREAMS) {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' }).end(
      JSON.stringify({
        error: { code: 'TOO_MANY_STREAMS', message: `at most ${MAX_EVENT_STREAMS} open streams` },
      }),
    );
    return;
  }
  open++;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  let pending: string | undefined;
  const write = (frame: string) => {
    if (res.writableLength > MAX_STREAM_BUFFER_BYTES) pending = frame;
    else res.write(frame);
  };
  res.on('drain', () => {
    if (pending === undefined) return;
    const frame = pending;
    pending = undefined;
    res.write(frame);
  });
  const unsubscribe = stream.subscribe((data) => write(`data: ${JSON.stringify(data)}\n\n`));
  const heartbeat = setInterval(() => write(': alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stopWatching = until?.(() => res.end());
  res.once('close', () => {
    open--;
    clearInterval(heartbeat);
    unsubscribe();
    stopWatching?.();
  });
}
