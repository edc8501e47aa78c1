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

export interface Branch {
  ns: string;
  /** This branch's end of its link to the hub. */
  ip: string;
  /** The hub's end of the same link: where this branch reaches the relay. */
  hubIp: string;
  /** Point-to-point to the test's namespace, for the till's API only. */
  mgmtIp: string;
}

/**
 * Branches on separate networks that meet only at a hub: a hub namespace (the
 * relay's) with one veth link per branch namespace, each its own /30 in
 * 10.233.0.0/16. There is no route between branches: the branch namespaces
 * have no default route and the hub does not forward. A management link per
 * branch (another /30) lets the test reach a branch's till API; it leads
 * nowhere else either. `destroy()` removes everything it made.
 */
export class StarNetwork {
  readonly hub: string;
  readonly branches: Branch[] = [];
  private readonly namespaces: string[] = [];
  private readonly links: string[] = [];

  constructor(
    private readonly tag: string,
    count: number,
  ) {
    if (count < 1 || count > 60) throw new RangeError(`1 to 60 branches, not ${count}`);
    this.hub = `pm${tag}hub`;
    try {
      this.addNamespace(this.hub);
      // a hub that forwarded would join the branches behind the relay's back
      run('netns', 'exec', this.hub, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=0');
      for (let i = 1; i <= count; i++) this.branches.push(this.addBranch(i));
    } catch (error) {
      this.destroy();
      throw error;
    }
  }

  /** Runs `ip …` inside a namespace of this network. */
  ip(ns: string, ...args: string[]): string {
    return run('netns', 'exec', ns, 'ip', ...args);
  }

  /**
   * A TCP connect from inside `ns`: "connected", or the error code (such as
   * ENETUNREACH), or "TIMEOUT" after `timeoutMs`.
   */
  tcpConnect(ns: string, host: string, port: number, timeoutMs = 3_000): string {
    const probe = `const s = require('node:net').connect(${port}, ${JSON.stringify(host)});
      s.on('connect', () => { console.log('connected'); s.destroy(); process.exit(0); });
      s.on('error', (e) => { console.log(e.code ?? e.message); process.exit(0); });
      setTimeout(() => { console.log('TIMEOUT'); process.exit(0); }, ${timeoutMs});`;
    return execFileSync('ip', ['netns', 'exec', ns, process.execPath, '-e', probe], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .toString()
      .trim();
  }

  private addNamespace(ns: string): void {
    run('netns', 'add', ns);
    this.namespaces.push(ns);
    this.ip(ns, 'link', 'set', 'lo', 'up');
  }

  private addBranch(i: number): Branch {
    const ns = `pm${this.tag}b${i}`;
    this.addNamespace(ns);
    // the hub's link to branch i: 10.233.i.0/30 (hub .1, branch .2)
    const hubIp = `10.233.${i}.1`;
    const ip = `10.233.${i}.2`;
    const hubLink = `pm${this.tag}s${i}`;
    run('link', 'add', hubLink, 'type', 'veth', 'peer', 'name', 'uplink0', 'netns', ns);
    run('link', 'set', hubLink, 'netns', this.hub);
    this.ip(this.hub, 'addr', 'add', `${hubIp}/30`, 'dev', hubLink);
    this.ip(this.hub, 'link', 'set', hubLink, 'up');
    this.ip(ns, 'addr', 'add', `${ip}/30`, 'dev', 'uplink0');
    this.ip(ns, 'link', 'set', 'uplink0', 'up');
    // the test's management link: 10.233.i.4/30 (test .5, branch .6)
    const mgmtIp = `10.233.${i}.6`;
    const mgmtLink = `pm${this.tag}n${i}`;
    run('link', 'add', mgmtLink, 'type', 'veth', 'peer', 'name', 'mgmt0', 'netns', ns);
    this.links.push(mgmtLink);
    run('addr', 'add', `10.233.${i}.5/30`, 'dev', mgmtLink);
    run('link', 'set', mgmtLink, 'up');
    this.ip(ns, 'addr', 'add', `${mgmtIp}/30`, 'dev', 'mgmt0');
    this.ip(ns, 'link', 'set', 'mgmt0', 'up');
    return { ns, ip, hubIp, mgmtIp };
  }

  destroy(): void {
    // deleting a namespace deletes the veth ends in it, and so their peers
    for (const ns of this.namespaces) tryRun('netns', 'delete', ns);
    for (const link of this.links) tryRun('link', 'delete', link);
  }
}
