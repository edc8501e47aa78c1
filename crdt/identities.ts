/**
 * The registry of the mesh's tills: each till's code bound to its key. Every
 * till writes only its own entry (keyed by its peer id), signed by that key, so
 * nobody can register a code for another till. Two tills claiming one code are
 * settled the same way on every till: the earliest claim owns it (ties by peer
 * id); the other is a duplicate that must not sell under that code.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { SETTINGS, SETTINGS_DOC, writerTag } from './documents.ts';
import type { TillCode } from './ids.ts';
import type { InvalidReporter } from './records.ts';
import { describeIssues } from './records.ts';
import { hlc, tillCode } from './schema.ts';
import type { RecordSigner, SignatureCheck, Trust } from './signing.ts';
import { signerOf, signRecord } from './signing.ts';

export const identitySchema = z.object({
  peerId: z.string().min(1).max(100),
  code: tillCode,
  name: z.string().min(1).max(60),
  /** When this till first took its code: the earliest claim of a code owns it. */
  claimedAt: hlc,
  /** The till that made the mesh: only it seeds mesh-wide settings. */
  founder: z.boolean(),
});
export type Identity = z.infer<typeof identitySchema>;

export interface DuplicateCode {
  code: TillCode;
  owner: Identity;
  /** Tills that claimed the code after the owner: they must not sell under it. */
  others: Identity[];
}

const place = (peerId: string) => ({ doc: SETTINGS_DOC, map: SETTINGS.identities, key: peerId });
const firstClaim = (a: Identity, b: Identity) =>
  a.claimedAt < b.claimedAt ? -1 : a.claimedAt > b.claimedAt ? 1 : a.peerId < b.peerId ? -1 : 1;

export function writeIdentity(doc: Y.Doc, identity: Identity, signer: RecordSigner): void {
  if (identity.peerId !== signer.peerId) throw new Error('a till registers only itself');
  const record = signRecord(identitySchema.parse(identity), place(identity.peerId), signer);
  doc.getMap(SETTINGS.identities).set(identity.peerId, record);
}

export class TillRegistry implements Trust {
  private readonly map: Y.Map<unknown>;
  private cache: { byPeer: Map<string, Identity>; owners: Map<string, Identity> } | undefined;
  private readonly onChange = () => (this.cache = undefined);

  constructor(
    doc: Y.Doc,
    private readonly check: SignatureCheck,
    private readonly report: InvalidReporter,
  ) {
    this.map = doc.getMap(SETTINGS.identities);
    this.map.observe(this.onChange);
  }

  verify(peerId: string, message: Uint8Array, sig: string): boolean {
    return this.check.verify(peerId, message, sig);
  }

  ownerOf(code: TillCode): string | undefined {
    return this.read().owners.get(code)?.peerId;
  }

  /**
   * The key that writes a day document named with this code and writer tag: the
   * code's owner's or a duplicate's (none when no claim, or more than one, carries it).
   */
  writerOf(code: TillCode, tag: string): string | undefined {
    const keys = this.all().filter((i) => i.code === code && writerTag(i.peerId) === tag);
    return keys.length === 1 ? keys[0]!.peerId : undefined;
  }

  codeOf(peerId: string): TillCode | undefined {
    return this.read().byPeer.get(peerId)?.code;
  }

  identity(peerId: string): Identity | undefined {
    return this.read().byPeer.get(peerId);
  }

  all(): Identity[] {
    return [...this.read().byPeer.values()].sort(firstClaim);
  }

  duplicates(): DuplicateCode[] {
    const { owners } = this.read();
    return [...owners.values()]
      .map((owner) => ({
        code: owner.code,
        owner,
        others: this.all().filter((i) => i.code === owner.code && i.peerId !== owner.peerId),
      }))
      .filter((d) => d.others.length > 0);
  }

  destroy(): void {
    this.map.unobserve(this.onChange);
  }

  private read() {
    if (this.cache) return this.cache;
    const byPeer = new Map<string, Identity>();
    this.map.forEach((raw, key) => {
      const identity = this.valid(key, raw);
      if (identity) byPeer.set(key, identity);
    });
    const owners = new Map<string, Identity>();
    for (const identity of [...byPeer.values()].sort(firstClaim))
      if (!owners.has(identity.code)) owners.set(identity.code, identity);
    this.cache = { byPeer, owners };
    return this.cache;
  }

  private valid(key: string, raw: unknown): Identity | undefined {
    const parsed = identitySchema.safeParse(raw);
    const reason = !parsed.success
      ? describeIssues(parsed.error)
      : parsed.data.peerId !== key
        ? 'peerId does not match its key'
        : signerOf(raw, place(key), this.check) !== key
          ? 'not signed by the till it registers'
          : undefined;
    if (reason === undefined) return (parsed as { data: Identity }).data;
    this.report({ doc: SETTINGS_DOC, map: SETTINGS.identities, key, reason });
    return undefined;
  }
}

/**
 * The code a new till should take: the first free number after the letters the
 * mesh's earliest till uses (S1, S2 taken: S3), `T1` in an empty mesh. Codes
 * held by `self` (this till, registered before) are free for it.
 */
export function nextFreeCode(identities: readonly Identity[], self?: string): TillCode {
  const others = identities.filter((i) => i.peerId !== self);
  const taken = new Set<string>(others.map((i) => i.code));
  const first = [...others].sort(firstClaim)[0];
  const prefix = (first && /^([A-Z]*)\d*$/.exec(first.code)?.[1]) || 'T';
  for (let n = 1; ; n++) {
    const code = `${prefix.slice(0, 8 - String(n).length)}${n}`;
    if (!taken.has(code)) return code as TillCode;
  }
}
