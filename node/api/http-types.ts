/** The shape of an API route: what a handler gets and how it is reached. */
import type { Actor } from '../auth/sessions.ts';

export interface ApiRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** Present on every route but the public ones. */
  actor: Actor;
  token: string;
  client: string;
}

export type Handler = (req: ApiRequest) => unknown;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  public?: boolean;
  /** Bodies are limited; a catalogue import batch needs more than a cart edit. */
  maxBodyBytes?: number;
  handler: Handler;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
