/**
 * Records decoded from disk or from a peer, kept compact. lib0 decodes a map value by
 * adding its keys one by one, and V8 keeps an object built that way with more than
 * about 20 keys (an order has 30) in a hash table of its own; arrays grow by pushes and
 * keep the room; and every string comes out anew, though most repeat from record to
 * record (staff, taxes, products, currency, status, the signer). A busy open day of
 * 5,000 orders took 23 MiB of heap; as copies made as each value is decoded (so the
 * decoded one dies young), with repeated strings shared, 12.5 MiB, and it loads no
 * slower. A copy has the same keys in the same order and equal values, so it reads,
 * encodes and verifies exactly as the decoded value would.
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

/**
 * A copy of a value just decoded: plain objects and arrays copied at every level (an
 * array of one line or one payment had room for 17), strings shared, anything else
 * (bytes, numbers) as it is.
 */
function compact(value: unknown): unknown {
  if (typeof value === 'string') return share(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(compact);
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = { ...value };
  for (const key in copy) copy[key] = compact(copy[key]);
  return copy;
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
