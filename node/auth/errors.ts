/** Authentication failures, mapped to 401 and 429 by the API. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
}

export class LoginThrottledError extends Error {
  override readonly name = 'LoginThrottledError';
  constructor(readonly retryAfterMs: number) {
    super(`too many wrong PINs: try again in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}
