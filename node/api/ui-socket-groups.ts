/**
 * Limits that several UI sockets share: those of one session, of one client
 * address, of the whole till. A group caps how many sockets it has, how many
 * messages (and new sockets) they may send between them, and how many bytes
 * the till may hold unsent for all of them together. A group that emptied
 * lingers until its token bucket would have refilled, so closing and reopening
 * sockets resets nothing.
 */
import { TokenBucket } from '../mesh/rate-limiter.ts';

export interface GroupLimits {
  maxSockets: number;
  /** Messages at once and per second, shared; none: the group limits no rate. */
  rate?: { burst: number; perSecond: number };
  /** Unsent bytes the till holds for the group's sockets together. */
  maxBufferedBytes: number;
}

export interface GroupMember {
  /** Bytes queued for the socket and not yet handed to the kernel. */
  readonly bufferedAmount: number;
  /** Sends what it held back, if there is room now. */
  flush(): void;
}

export class SocketGroup<M extends GroupMember> {
  readonly members = new Set<M>();
  /** Members holding something back until there is room. */
  readonly waiting = new Set<M>();
  emptiedAt: number;
  private readonly bucket: TokenBucket | undefined;

  constructor(
    /** What it groups by ("session", "client", "till"): a key such as a token is never logged. */
    readonly kind: string,
    readonly limits: GroupLimits,
    now: number,
  ) {
    this.emptiedAt = now;
    const rate = limits.rate;
    this.bucket = rate && new TokenBucket(rate.burst, rate.perSecond);
  }

  /** One message (or one new socket) against the shared rate. */
  take(): boolean {
    return this.bucket?.take() ?? true;
  }

  hasBufferRoom(): boolean {
    let total = 0;
    for (const member of this.members)
      if ((total += member.bufferedAmount) >= this.limits.maxBufferedBytes) return false;
    return true;
  }

  /** Bytes went out or a member left: those waiting try again. */
  roomMade(): void {
    for (const member of [...this.waiting]) member.flush();
  }

  /** How long it stays once empty: until its bucket would be full again. */
  get lingerMs(): number {
    const rate = this.limits.rate;
    return rate ? (rate.burst / rate.perSecond) * 1000 : 0;
  }
}

export type Admission<M extends GroupMember> =
  { groups: Array<SocketGroup<M>> } | { refusedBy: SocketGroup<M>; reason: string };

export class SocketGroups<M extends GroupMember> {
  private readonly groups = new Map<string, SocketGroup<M>>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  get(kind: string, key: string): SocketGroup<M> | undefined {
    return this.groups.get(`${kind}:${key}`);
  }

  /** Whether one more socket fits in every group it would join (it counts as a message too). */
  admit(wanted: Array<{ kind: string; key: string; limits: GroupLimits }>): Admission<M> {
    this.sweep();
    const groups = wanted.map(({ kind, key, limits }) => {
      const id = `${kind}:${key}`;
      let group = this.groups.get(id);
      if (!group) this.groups.set(id, (group = new SocketGroup<M>(kind, limits, this.now())));
      return group;
    });
    for (const group of groups) {
      if (group.members.size >= group.limits.maxSockets)
        return { refusedBy: group, reason: `at most ${group.limits.maxSockets} sockets` };
      if (!group.take())
        return {
          refusedBy: group,
          reason: `at most ${group.limits.rate?.perSecond} new sockets/s`,
        };
    }
    return { groups };
  }

  join(member: M, groups: Array<SocketGroup<M>>): void {
    for (const group of groups) group.members.add(member);
  }

  leave(member: M, groups: Array<SocketGroup<M>>): void {
    for (const group of groups) {
      group.members.delete(member);
      group.waiting.delete(member);
      if (group.members.size === 0) group.emptiedAt = this.now();
      else group.roomMade();
    }
  }

  clear(): void {
    this.groups.clear();
  }

  /** Forgets groups that stayed empty long enough to have nothing left to remember. */
  private sweep(): void {
    const now = this.now();
    for (const [id, group] of this.groups)
      if (group.members.size === 0 && now - group.emptiedAt >= group.lingerMs)
        this.groups.delete(id);
  }
}
