/**
 * What goes wrong in a shop: the LAN splits and heals, a cable fails, a till
 * is killed (now, right after a commit before the network heard of it, or in
 * the middle of a commit) and comes back from its disk, a clock drifts or
 * jumps, a till is cut off from all the others.
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
  const hosts = shop.tills.map((t) => t.host);
  if (hosts.length < 2) return 'one till: nothing to split';
  const side = hosts.map(() => random.chance(0.5));
  // never all on one side: a split that splits nothing tests nothing
  side[random.int(hosts.length)] = !side.every(Boolean);
  const groups = [hosts.filter((_, i) => side[i]), hosts.filter((_, i) => !side[i])];
  if (shop.relay) groups[random.int(2)]!.push(shop.relay.host);
  shop.network.partition(groups);
  return `partition ${groups.map((g) => g.join('+')).join(' | ')}`;
}

/** One till alone, the rest of the shop (and the relay) together. */
export function isolate({ shop, till }: FaultContext): string {
  const rest = [...shop.tills.filter((t) => t !== till), ...(shop.relay ? [shop.relay] : [])];
  shop.network.partition([[till.host], rest.map((t) => t.host)]);
  return `${till.host} cut off from the shop`;
}

export function heal({ shop }: FaultContext): string {
  shop.network.heal();
  return 'network healed';
}

export function cut({ shop, till, random }: FaultContext): string {
  const other = random.pick(shop.tills.filter((t) => t !== till));
  if (!other) return 'no link to cut';
  shop.network.cutBetween(till.host, other.host);
  return `link ${till.host}-${other.host} cut`;
}

export function crash({ till, random }: FaultContext): string {
  if (!till.alive) return `${till.host} already down`;
  const roll = random.next();
  if (roll < 0.4) {
    till.crash();
    return `${till.host} killed`;
  }
  const phase = roll < 0.75 ? 'afterCommit' : 'inCommit';
  const count = random.between(1, MAX_COMMITS_BEFORE_CRASH);
  till.arm(phase, count);
  return `${till.host} will die ${phase === 'afterCommit' ? 'after' : 'inside'} commit #${count}`;
}

export function restart({ shop, till }: FaultContext): string {
  if (till.alive) return `${till.host} is up`;
  shop.start(till);
  return `${till.host} restarting`;
}

export function skew({ till, random }: FaultContext): string {
  const roll = random.next();
  const before = till.skewMs;
  if (roll < 0.4) till.skewMs += random.between(-5_000, 5_000);
  else if (roll < 0.7) till.skewMs += random.between(-MINUTE_MS, MINUTE_MS);
  else if (roll < 0.85) till.skewMs += random.between(HOUR_MS, 3 * HOUR_MS);
  else till.skewMs = 0;
  return `${till.host} clock ${signed(before)} -> ${signed(till.skewMs)} ms`;
}

const signed = (ms: number) => (ms >= 0 ? `+${ms}` : String(ms));
