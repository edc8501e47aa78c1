/**
 * What goes wrong in a shop: the LAN splits and heals, a cable fails, a till
 * is killed (now, right after a commit before the network heard of it, or in
 * the middle of a commit) and comes back from its disk, a clock drifts or
 * jumps.
 */
import type { Random } from '../env/random.ts';
import type { Shop } from '../world/shop.ts';
import type { SimTill } from '../world/sim-till.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Commits an armed crash lets pass before it strikes (at most). */
const MAX_COMMITS_BEFORE_CRASH = 4;

export interface FaultContext {
  shop: Shop;
  till: SimTill;
  random: Random;
}

export function partition({ shop, random }: FaultContext): string {
  const codes = shop.tills.map((t) => t.code as string);
  if (codes.length < 2) return 'one till: nothing to split';
  const side = codes.map(() => random.chance(0.5));
  // never all on one side: a split that splits nothing tests nothing
  side[random.int(codes.length)] = !side.every(Boolean);
  const groups = [codes.filter((_, i) => side[i]), codes.filter((_, i) => !side[i])];
  if (shop.relay) groups[random.int(2)]!.push(shop.relay.code);
  shop.network.partition(groups);
  return `partition ${groups.map((g) => g.join('+')).join(' | ')}`;
}

export function heal({ shop }: FaultContext): string {
  shop.network.heal();
  return 'network healed';
}

export function cut({ shop, till, random }: FaultContext): string {
  const other = random.pick(shop.tills.filter((t) => t !== till));
  if (!other) return 'no link to cut';
  shop.network.cutBetween(till.code, other.code);
  return `link ${till.code}-${other.code} cut`;
}

export function crash({ till, random }: FaultContext): string {
  if (!till.alive) return `${till.code} already down`;
  const roll = random.next();
  if (roll < 0.4) {
    till.crash();
    return `${till.code} killed`;
  }
  const phase = roll < 0.75 ? 'afterCommit' : 'inCommit';
  const count = random.between(1, MAX_COMMITS_BEFORE_CRASH);
  till.arm(phase, count);
  return `${till.code} will die ${phase === 'afterCommit' ? 'after' : 'inside'} commit #${count}`;
}

export function restart({ shop, till }: FaultContext): string {
  if (till.alive) return `${till.code} is up`;
  shop.start(till);
  return `${till.code} restarting`;
}

export function skew({ till, random }: FaultContext): string {
  const roll = random.next();
  const before = till.skewMs;
  if (roll < 0.4) till.skewMs += random.between(-5_000, 5_000);
  else if (roll < 0.7) till.skewMs += random.between(-MINUTE_MS, MINUTE_MS);
  else if (roll < 0.85) till.skewMs += random.between(HOUR_MS, 3 * HOUR_MS);
  else till.skewMs = 0;
  return `${till.code} clock ${signed(before)} -> ${signed(till.skewMs)} ms`;
}

const signed = (ms: number) => (ms >= 0 ? `+${ms}` : String(ms));
