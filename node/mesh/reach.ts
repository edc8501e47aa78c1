/**
 * What an update reaches: per Yjs client, the clock just past its last change
 * (exclusive, as in a state vector). A HAVE announces one; a till holds it
 * when its own state reaches as far for every client named.
 */
export type Reach = Map<number, number>;

/** True when `a` reaches at least as far as `b` for every client `b` names. */
export function reachesPast(a: Reach, b: Reach): boolean {
  for (const [client, clock] of b) if ((a.get(client) ?? 0) < clock) return false;
  return true;
}

/** Widens `into` to reach as far as `more` too; returns it. */
export function widen(into: Reach, more: Reach): Reach {
  for (const [client, clock] of more) if ((into.get(client) ?? 0) < clock) into.set(client, clock);
  return into;
}

/** The same reach in parts of at most `size` clients each. */
export function chunks(reach: Reach, size: number): Reach[] {
  const entries = [...reach];
  const parts: Reach[] = [];
  for (let at = 0; at < entries.length; at += size)
    parts.push(new Map(entries.slice(at, at + size)));
  return parts;
}
