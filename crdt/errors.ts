/**
 * Domain errors carry a stable code (for the API and the UI) and a kind that says
 * which family of HTTP status it maps to. The message is for people: it says what
 * and where.
 */
export type ErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const invalid = (code: string, message: string, details?: unknown): DomainError =>
  new DomainError(code, 'invalid', message, details);
export const notFound = (code: string, message: string, details?: unknown): DomainError =>
  new DomainError(code, 'not_found', message, details);
export const conflict = (code: string, message: string, details?: unknown): DomainError =>
  new DomainError(code, 'conflict', message, details);
export const forbidden = (code: string, message: string, details?: unknown): DomainError =>
  new DomainError(code, 'forbidden', message, details);
