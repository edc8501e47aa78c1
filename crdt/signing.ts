/**
 * Who wrote a record is proven by its signature, not by a field in it. A till
 * signs every record it writes (a day's orders, cash and drawer records, its
 * transfer events, its registration) with its own Ed25519 key over a canonical
 * encoding of the record and of where it lives (document, map, key), so a
 * signed record cannot be moved elsewhere or changed. Readers verify against
 * the key of the till the record says wrote it. The crypto itself is the
 * daemon's (an interface here): the domain stays pure.
 */
import type { TillCode } from './ids.ts';

/** Where a record lives; part of what is signed. */
export interface Place {
  doc: string;
  map: string;
  key: string;
}

export interface RecordSigner {
  /** The signing till's libp2p peer id, which is its Ed25519 public key. */
  readonly peerId: string;
  /** An Ed25519 signature of the message, base64url. */
  sign(message: Uint8Array): string;
}

export interface SignatureCheck {
  /** Whether `sig` is the signature of `peerId`'s key over `message`. */
  verify(peerId: string, message: Uint8Array, sig: string): boolean;
}

/** What a reader trusts: signatures, and which till's key owns which till code. */
export interface Trust extends SignatureCheck {
  /** The peer id registered as the owner of a till code, if any. */
  ownerOf(code: TillCode): string | undefined;
  /** The code a registered till of the mesh claims (owner of it or a duplicate); undefined for a stranger. */
  codeOf(peerId: string): TillCode | undefined;
}

export interface SignedFields {
  signer: string;
  sig: string;
}

/** JSON with keys sorted at every level: the same record always encodes the same way. */
export function canonicalJson(value: unknown): string {
  return canonical(value, undefined);
}

/**
 * Built by appending to one string: every record a till writes or reads is encoded, and
 * arrays of entries, sorted pairs and joins made about 30 KiB of garbage per order.
 * `omit` leaves out one key of the outer object (the signature being checked).
 */
function canonical(value: unknown, omit: string | undefined): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++)
      out += (i > 0 ? ',' : '') + canonical(value[i], undefined);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  // the default sort compares UTF-16 code units, as `<` does
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const inner = record[key];
    if (inner === undefined || key === omit) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonical(inner, undefined);
  }
  return out + '}';
}

const encoder = new TextEncoder();

/** The bytes a signature covers: a version tag, the place, and the record without its `sig`. */
export function signingMessage(place: Place, record: object): Uint8Array {
  return encoder.encode(
    `posmesh/1\n${place.doc}\n${place.map}\n${place.key}\n${canonical(record, 'sig')}`,
  );
}

/** The record as written: signed by this till, for that place. */
export function signRecord<T extends object>(
  record: T,
  place: Place,
  signer: RecordSigner,
): T & SignedFields {
  const { sig: _sig, signer: _signer, ...fields } = record as T & Partial<SignedFields>;
  const withSigner = { ...fields, signer: signer.peerId };
  const signed = {
    ...withSigner,
    sig: signer.sign(signingMessage(place, withSigner)),
  } as T & SignedFields;
  // what this process just signed needs no check when it is read back (Yjs hands out this object)
  checked.set(signed, new Map([[placeKey(place), signer.peerId]]));
  return signed;
}

const checked = new WeakMap<object, Map<string, string | null>>();
const placeKey = (place: Place) => `${place.doc}\n${place.map}\n${place.key}`;

/**
 * The peer id that signed a raw record at that place, or null when its
 * signature is missing or false. Checked once per record object and place:
 * Yjs hands out the same object until the record is written again.
 */
export function signerOf(raw: unknown, place: Place, check: SignatureCheck): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const where = placeKey(place);
  let byPlace = checked.get(raw);
  const known = byPlace?.get(where);
  if (known !== undefined) return known;
  const { signer, sig } = raw as Partial<SignedFields>;
  const ok =
    typeof signer === 'string' &&
    typeof sig === 'string' &&
    check.verify(signer, signingMessage(place, raw), sig);
  const result = ok ? signer : null;
  if (!byPlace) checked.set(raw, (byPlace = new Map<string, string | null>()));
  byPlace.set(where, result);
  return result;
}
