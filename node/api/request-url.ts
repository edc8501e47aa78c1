/**
 * Parsing what a client sent without ever throwing: a malformed URL or percent
 * escape from anyone on the network is a 400, not a crashed till.
 */
export function parseRequestUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://till');
  } catch {
    return undefined;
  }
}

export function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
