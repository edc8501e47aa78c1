/** Maps every error a handler can throw to a status and a JSON body that says what went wrong. */
import { DomainError } from '../../crdt/errors.ts';
import type { ErrorKind } from '../../crdt/errors.ts';
import { AuthError, LoginThrottledError } from '../auth/errors.ts';
import { InvalidPinFormatError } from '../auth/pin-hash.ts';
import { StorageFailedError } from '../storage/update-store.ts';
import { HttpError } from './http-types.ts';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
};

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string; details?: unknown } };
  /** Unexpected: log it with its stack. */
  unexpected: boolean;
}

export function errorResponse(error: unknown): ErrorResponse {
  const make = (
    status: number,
    code: string,
    message: string,
    details?: unknown,
    headers = {},
    unexpected = false,
  ) => ({
    status,
    headers,
    body: { error: details === undefined ? { code, message } : { code, message, details } },
    unexpected,
  });
  if (error instanceof HttpError)
    return make(error.status, error.code, error.message, error.details, error.headers);
  if (error instanceof DomainError)
    return make(STATUS_OF_KIND[error.kind], error.code, error.message, error.details);
  if (error instanceof LoginThrottledError) {
    return make(
      429,
      'LOGIN_THROTTLED',
      error.message,
      { retryAfterMs: error.retryAfterMs },
      {
        'retry-after': String(Math.ceil(error.retryAfterMs / 1000)),
      },
    );
  }
  if (error instanceof AuthError) return make(401, 'UNAUTHORIZED', error.message);
  if (error instanceof InvalidPinFormatError) return make(400, 'INVALID_PIN', error.message);
  if (error instanceof StorageFailedError)
    return make(503, 'STORAGE_FAILED', error.message, undefined, {}, true);
  return make(500, 'INTERNAL', 'internal error; see the till log', undefined, {}, true);
}
