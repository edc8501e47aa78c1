/**
 * Records decoded from disk or from a peer, kept compact. lib0 decodes a map value by
 * adding its keys one by one, and V8 keeps an object built that way with more than
 * about 20 keys (an order has 30) in a hash table of its own; and it makes every string
 * anew, though most repeat from record to record (staff, taxes, products, currency,
 * status, the signer). A busy open day of 5,000 orders took 23 MiB of heap. Each
 * top-level value is kept as a plain copy of itself, made as it is decoded (so the
 * decoded object dies young), with its repeated strings shared: the copy has the same
 * keys in the same order and equal values, so it reads, encodes and verifies exactly as
 * the decoded one would.
 */
import * as Y from 'yjs';

/** Longer strings (signatures, notes) rarely repeat. */
const SHARED_UP_TO_CHARS = 64;
/**
 * Strings remembered for sharing. The ones that repeat come early (staff, taxes,
 * products); once full, the table only answers, so it never holds more than this.
 */
const SHARED_STRINGS = 16_384;
const shared = new Map<string, string>();

function share(value: string): string {
  if (value.length > SHARED_UP_TO_CHARS) return value;
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size < SHARED_STRINGS) shared.set(value, value);
  return value;
}

/** Shares the strings of a value just decoded, in place: nothing else holds it yet. */
function shareStrings(value: unknown): unknown {
  if (typeof value === 'string') return share(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = shareStrings(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) record[key] = shareStrings(record[key]);
  return record;
}

function compact(decoded: unknown): unknown {
  const value = shareStrings(decoded);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { ...value }
    : value;
}

// once per process, for every document: the decoders are Yjs's own classes
for (const Decoder of [Y.UpdateDecoderV1, Y.UpdateDecoderV2]) {
  const decoded = Object.getOwnPropertyDescriptor(Decoder.prototype, 'readAny')!.value as (
    this: InstanceType<typeof Decoder>,
  ) => unknown;
  Decoder.prototype.readAny = function (this: InstanceType<typeof Decoder>) {
    return compact(decoded.call(this));
  };
}
