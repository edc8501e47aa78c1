/**
 * The simulation's only source of chance: sfc32, seeded through splitmix32.
 * Streams are derived by label from the run's seed, so one concern (the shop's
 * plan, one till's key) draws the same numbers whatever another concern does:
 * a shrunk trace keeps each remaining event's own choices.
 */

/** splitmix32: spreads a 32-bit value over the whole range (seeding only). */
function mix(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97) >>> 0;
  return (z ^ (z >>> 15)) >>> 0;
}

/** FNV-1a of a label, to fold it into a seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const TWO_POW_32 = 4_294_967_296;

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix(seed);
    this.b = mix(this.a);
    this.c = mix(this.b);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32(); // leave the seeding's correlations behind
  }

  /** A stream of its own for `labels`, from a seed: independent of every other stream's use. */
  static derive(seed: number, ...labels: Array<string | number>): Random {
    let s = mix(seed >>> 0);
    for (const label of labels) s = mix(s ^ hashLabel(String(label)));
    return new Random(s);
  }

  /** The same stream from here on, without moving this one. */
  clone(): Random {
    const copy = Object.create(Random.prototype) as Random;
    Object.assign(copy, this);
    return copy;
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = (this.b ^ (this.b >>> 9)) >>> 0;
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** In [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T | undefined {
    return list.length === 0 ? undefined : list[this.int(list.length)];
  }

  fill(bytes: Uint8Array): Uint8Array {
    for (let i = 0; i < bytes.length; i += 4) {
      const word = this.uint32();
      for (let j = 0; j < 4 && i + j < bytes.length; j++) bytes[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return bytes;
  }

  /** An RFC 4122 version 4 UUID from this stream. */
  uuid(): string {
    const b = this.fill(new Uint8Array(16));
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
