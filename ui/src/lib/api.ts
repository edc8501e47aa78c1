/** The till's JSON API, as the UI uses it. Errors keep the API's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

let token = sessionStorage.getItem('posmesh.token') ?? '';

export const currentToken = (): string => token;

export function setToken(value: string): void {
  token = value;
  if (value) sessionStorage.setItem('posmesh.token', value);
  else sessionStorage.removeItem('posmesh.token');
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'the till does not answer: is the daemon running?');
  }
  const payload = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: Record<string, unknown> };
  } | null;
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/login') setToken('');
    throw new ApiError(
      response.status,
      payload?.error?.code ?? 'ERROR',
      payload?.error?.message ?? response.statusText,
      payload?.error?.details,
    );
  }
  return payload as T;
}
