/**
 * Transaction origins. Every change to a document is tagged with where it came
 * from, so what came from a peer is never sent back to it and what was replayed
 * from disk is never written again.
 */
export type UpdateOrigin =
  | { readonly source: 'local' }
  | { readonly source: 'replay' }
  | { readonly source: 'peer'; readonly peer: string }
  | { readonly source: 'ui'; readonly client: string };

export const LOCAL: UpdateOrigin = Object.freeze({ source: 'local' });
export const REPLAY: UpdateOrigin = Object.freeze({ source: 'replay' });

export function originOf(value: unknown): UpdateOrigin {
  if (value && typeof value === 'object' && 'source' in value) return value as UpdateOrigin;
  return LOCAL;
}
