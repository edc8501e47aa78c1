/**
 * Hosts for network tests: network namespaces joined by a bridge (the "shop
 * LAN", with multicast for mDNS), plus a point-to-point management link per
 * host so the test reaches each till's API even while its LAN link is cut.
 * Only addresses inside namespaces this helper creates are used, and
 * `destroy()` removes everything it made.
 */
import { execFileSync } from 'node:child_process';

const run = (...args: string[]) =>
  execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

export interface Host {
  ns: string;
  /** On the shared LAN (bridge). */
  lanIp: string;
  /** Point-to-point to the test's namespace. */
  mgmtIp: string;
  /** Root-side end of the LAN link: set it down to cut this host off. */
  lanLink: string;
}

export class TestLan {
  readonly hosts: Host[] = [];
  private readonly bridge: string;
  private readonly links: string[] = [];

  constructor(
    private readonly tag: string,
    count: number,
  ) {
    this.bridge = `pmbr${tag}`;
    try {
      run('link', 'add', this.bridge, 'type', 'bridge');
      run('link', 'set', this.bridge, 'up');
      for (let i = 1; i <= count; i++) this.hosts.push(this.addHost(i));
    } catch (error) {
      this.destroy();
      throw error;
    }
  }

  private addHost(i: number): Host {
    const ns = `pm${this.tag}h${i}`;
    const lanLink = `pm${this.tag}l${i}`;
    const mgmtLink = `pm${this.tag}m${i}`;
    const lanIp = `10.231.7.${i}`;
    const mgmtIp = `10.232.${i}.2`;
    run('netns', 'add', ns);
    const inNs = (...args: string[]) => run('netns', 'exec', ns, 'ip', ...args);
    inNs('link', 'set', 'lo', 'up');
    run('link', 'add', lanLink, 'type', 'veth', 'peer', 'name', 'lan0', 'netns', ns);
    this.links.push(lanLink);
    run('link', 'set', lanLink, 'master', this.bridge);
    run('link', 'set', lanLink, 'up');
    inNs('addr', 'add', `${lanIp}/24`, 'dev', 'lan0');
    inNs('link', 'set', 'lan0', 'up');
    // without a multicast route mDNS fails silently
    inNs('route', 'add', '224.0.0.0/4', 'dev', 'lan0');
    run('link', 'add', mgmtLink, 'type', 'veth', 'peer', 'name', 'mgmt0', 'netns', ns);
    this.links.push(mgmtLink);
    run('addr', 'add', `10.232.${i}.1/30`, 'dev', mgmtLink);
    run('link', 'set', mgmtLink, 'up');
    inNs('addr', 'add', `${mgmtIp}/30`, 'dev', 'mgmt0');
    inNs('link', 'set', 'mgmt0', 'up');
    return { ns, lanIp, mgmtIp, lanLink };
  }

  cut(host: Host): void {
    run('link', 'set', host.lanLink, 'down');
  }

  restore(host: Host): void {
    run('link', 'set', host.lanLink, 'up');
  }

  destroy(): void {
    for (const host of this.hosts) tryRun('netns', 'delete', host.ns);
    for (const link of this.links) tryRun('link', 'delete', link);
    tryRun('link', 'delete', this.bridge);
  }
}

function tryRun(...args: string[]): void {
  try {
    run(...args);
  } catch {
    // already gone
  }
}
