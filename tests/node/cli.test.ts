import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../helpers/daemon.ts';
import { ApiClient, CLI, ROOT, startDaemon, writeTillConfig } from '../helpers/daemon.ts';
import { tempDir } from '../helpers/till.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { withCheckDigit } from '../../crdt/ean.ts';
import type { MeshStatus } from '../../crdt/status.ts';
import { COMMAND_USAGE } from '../../node/cli/usage.ts';

const run = promisify(execFile);
async function posmesh(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, POSMESH_CONFIG: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A stack trace line, which a config error must never print. */
const STACK_LINE = /^ {4}at /m;

// every command the CLI has (main.ts maps each to its code): each must answer --help
const COMMANDS = Object.keys(COMMAND_USAGE);

function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port }),
    );
  });
}

/**
 * Makes a `*.invalid` name fail at once, as RFC 6761 asks of resolvers, so the test of an
 * unresolvable http.host sends no DNS query anywhere: the till still listens for real and
 * gets the same ENOTFOUND error the system resolver gives.
 */
const NO_DNS_FOR_INVALID = `
const dns = require('node:dns');
const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (typeof hostname === 'string' && /\\.invalid\\.?$/i.test(hostname)) {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND ' + hostname), {
      code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname,
    });
    process.nextTick(rest[rest.length - 1], error);
    return {};
  }
  return lookup.call(this, hostname, ...rest);
};
`;

describe('posmesh init', () => {
  it('writes a valid config, identity and first manager, and refuses to overwrite', async () => {
    const dir = tempDir();
    try {
      const first = await posmesh(
        [
          'init',
          '--code',
          'B2',
          '--name',
          'Back till',
          '--manager-name',
          'Mia',
          '--manager-pin',
          '4321',
        ],
        dir.path,
      );
      expect(first.stdout).toMatch(/staff: Mia \(manager\)/);
      const config = JSON.parse(readFileSync(join(dir.path, 'mesh.config.json'), 'utf8'));
      expect(config.till).toEqual({ code: 'B2', name: 'Back till' });
      expect(statSync(join(dir.path, 'data/identity.key')).mode & 0o777).toBe(0o600);
      const again = await posmesh(['init'], dir.path);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/exists; pass --force/);
      const bad = await posmesh(['init', '--force', '--code', 'lower'], dir.path);
      expect(bad.stderr).toMatch(/till\.code: must be 1 to 8 capital letters/);
      expect(JSON.parse(readFileSync(join(dir.path, 'mesh.config.json'), 'utf8')).till.code).toBe(
        'B2',
      );
    } finally {
      dir.remove();
    }
  });
});

describe('posmesh secret and join', () => {
  it('makes a mesh secret at init, prints its join code, and joins another till to it', async () => {
    const first = tempDir();
    const second = tempDir();
    try {
      // no mDNS (tests stay off the LAN) and no peers: join has no till to ask, and says so
      const made = await posmesh(['init', '--code', 'S1', '--no-mdns'], first.path);
      const code = /posmesh join ([0-9a-f]{64})/.exec(made.stdout)?.[1];
      expect(code).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(join(first.path, 'data/mesh.secret')).mode & 0o777).toBe(0o600);
      const shown = await posmesh(
        ['secret', '--config', join(first.path, 'mesh.config.json')],
        first.path,
      );
      expect(shown.stdout).toContain(`join code: ${code}`);
      const meshId = /mesh id: +([0-9a-f]{16})/.exec(shown.stdout)?.[1];

      await posmesh(['init', '--code', 'S2', '--no-mdns'], second.path);
      const config = join(second.path, 'mesh.config.json');
      const refused = await posmesh(['join', code!, '--config', config], second.path);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/already holds the secret of mesh [0-9a-f]{16}; pass --force/);
      expect(
        (await posmesh(['join', 'not-a-code', '--force', '--config', config], second.path)).stderr,
      ).toMatch(/a join code is 64 hexadecimal digits/);
      const joined = await posmesh(['join', code!, '--force', '--config', config], second.path);
      expect(joined.stdout).toContain(`joined mesh ${meshId}`);
      expect(joined.stdout).toContain('no till to ask whether S2 is free (no peers, mDNS off)');
      const again = await posmesh(
        ['init', '--code', 'S3', '--force', '--join', code!, '--no-mdns'],
        second.path,
      );
      expect(again.stdout).toContain(`joined mesh ${meshId}`);
      const unasked = await posmesh(['init', '--force', '--join', code!, '--no-mdns'], second.path);
      expect(unasked.code).toBe(1);
      expect(unasked.stderr).toMatch(/no till of the mesh to ask for a free code .* --code/);
    } finally {
      first.remove();
      second.remove();
    }
  });
});

describe('posmesh against a running till', () => {
  const dir = tempDir();
  let daemon: Daemon;
  let config: string;
  beforeAll(async () => {
    config = writeTillConfig(dir.path, {
      till: { code: 'C1', name: 'CLI till' },
      devices: { printer: { transport: 'simulated' } },
    });
    daemon = await startDaemon(config);
  });
  afterAll(async () => {
    await daemon?.stop();
    dir.remove();
  });

  it('finds the till through POSMESH_CONFIG', async () => {
    const { stdout, code } = await posmesh(['status', '--json'], ROOT, { POSMESH_CONFIG: config });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).till.code).toBe('C1');
  });

  it('shows status', async () => {
    const { stdout, code } = await posmesh(['status', '--config', config], dir.path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/till C1 "CLI till"/);
    expect(stdout).toMatch(/catalogue: 240 products/);
    expect(stdout).toMatch(/business day: closed/);
    expect(stdout).toMatch(
      /\n {2}printer {10}ready {6}simulated .*printer \(0 waiting, 0 held\)\n/,
    );
    expect(stdout).toMatch(/\n {2}display page {5}ready {6}browser \/display\n/);
  });

  it('imports a CSV with progress, reporting refused rows by line and column', async () => {
    const rows = ['barcode,name,price,tax,category'];
    for (let i = 1; i <= 1200; i++)
      rows.push(
        `${withCheckDigit(`21${String(i).padStart(10, '0')}`)},Import item ${i},${i % 50}.99,VAT 20%,Imported`,
      );
    rows.push('2100000000000,Bad check,1.00,VAT 20%,Imported');
    rows.push(',Bad price,one euro,VAT 20%,Imported');
    const csv = join(dir.path, 'products.csv');
    writeFileSync(csv, rows.join('\n'));
    const result = await posmesh(['catalogue', 'import', csv, '--config', config], dir.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/importing .*products\.csv: 500\/1202 \(41%\)/);
    expect(result.stderr).toMatch(/1202\/1202 \(100%\)/);
    expect(result.stdout).toMatch(
      /products\.csv:1202 \(barcode\): 2100000000000 has a wrong check digit/,
    );
    expect(result.stdout).toMatch(/products\.csv:1203 \(price\): "one euro" is not an amount/);
    expect(result.stdout).toMatch(/1200 created, 0 updated, 1 new categories, 2 rows refused/);
    const bob = await new ApiClient(daemon.url).login('demo-bob', '0000');
    const found = await bob.call('GET', `/api/catalogue/barcode/${withCheckDigit('210000000777')}`);
    expect(found).toMatchObject({ name: 'Import item 777', price: 2799 });
  });

  it('prints X and Z reports', async () => {
    const bob = await new ApiClient(daemon.url).login('demo-bob', '0000');
    await bob.call('POST', '/api/day/open', { float: 5000 });
    const cart = await bob.call('POST', '/api/carts');
    await bob.call('POST', `/api/carts/${cart.id}/lines`, { barcode: '2000000000015' });
    const paid = await bob.call('POST', `/api/carts/${cart.id}/pay`, {
      payments: [{ method: 'card', amount: 129 }],
    });
    expect(paid.totals.total).toBe(129);
    const x = await posmesh(['report', 'x', '--config', config], dir.path);
    expect(x.stdout).toMatch(/^X report {2}till C1/);
    expect(x.stdout).toMatch(/Sales \(1\)\s+€1\.29/);
    expect(x.stdout).toMatch(/card\s+€1\.29/);
    const alice = await new ApiClient(daemon.url).login('demo-alice', '1234');
    const { report } = await alice.call('POST', '/api/day/close', {
      counted: { cash: 5000, card: 129 },
    });
    const z = await posmesh(
      ['report', 'z', '--date', report.businessDate, '--config', config],
      dir.path,
    );
    expect(z.stdout).toMatch(/^Z report/);
    expect(z.stdout).toMatch(/cash\s+€50\.00 \(\+€0\.00\)/);
    const none = await posmesh(['report', 'z', '--date', '19990101', '--config', config], dir.path);
    expect(none.stderr).toMatch(/no closed business day 19990101 on C1/);
  });

  it('says clearly when a second till wants a port in use, or a till is not running', async () => {
    const port = Number(new URL(daemon.url).port);
    const other = tempDir();
    try {
      const file = writeTillConfig(other.path, { http: { port } });
      const second = await posmesh(['till', '--config', file], other.path);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`${file}: http.port: 127.0.0.1:${port} is already in use`);
      expect(second.stderr).not.toMatch(STACK_LINE);
      const status = await posmesh(['status', '--config', file], other.path);
      expect(status.stderr).toMatch(
        /the till answering at http:\/\/127\.0\.0\.1:\d+\/ is C1, not T1: is T1 running\?/,
      );
    } finally {
      other.remove();
    }
  });
});

describe('config errors found when the till starts', () => {
  it('name the file, the field and the reason, with no stack trace', async () => {
    const dir = tempDir();
    const held = await holdPort();
    try {
      const preload = join(dir.path, 'no-dns-for-invalid.cjs');
      writeFileSync(preload, NO_DNS_FOR_INVALID);
      const mesh = (listen: string) => ({ mesh: { listen: [listen], mdns: false, peers: [] } });
      const cases = [
        {
          name: 'mesh-port-in-use',
          config: mesh(`/ip4/127.0.0.1/tcp/${held.port}`),
          reason: `mesh.listen: /ip4/127.0.0.1/tcp/${held.port}: port ${held.port} is already in use on this machine`,
        },
        {
          name: 'port-out-of-range',
          config: mesh('/ip4/0.0.0.0/tcp/99999'),
          reason: 'mesh.listen.0: port 99999 is out of range: 0 to 65535',
        },
        {
          name: 'host-unresolvable',
          config: { http: { host: 'no-such-host.invalid', port: 0 } },
          reason: 'http.host: no-such-host.invalid cannot be resolved (ENOTFOUND)',
          env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}` },
        },
      ];
      const results = await Promise.all(
        cases.map(async (c) => {
          const file = writeTillConfig(join(dir.path, c.name), { demo: false, ...c.config });
          return { ...c, file, ...(await posmesh(['till', '--config', file], dir.path, c.env)) };
        }),
      );
      for (const r of results) {
        expect(r.code, r.name).not.toBe(0);
        expect(r.stderr, r.name).toContain(`posmesh: ${r.file}: ${r.reason}`);
        expect(r.stderr, r.name).not.toMatch(STACK_LINE);
      }
    } finally {
      held.server.close();
      dir.remove();
    }
  });
});

describe('posmesh usage', () => {
  it('answers --help and -h on every command with its own usage, doing nothing else', async () => {
    const dir = tempDir();
    try {
      const asked = COMMANDS.flatMap((c) => [
        [c, '--help'],
        [c, '-h'],
      ]);
      const results = await Promise.all(asked.map((args) => posmesh(args, dir.path)));
      results.forEach((r, i) => {
        const [command, flag] = asked[i]!;
        expect(r.code, `${command} ${flag}`).toBe(0);
        expect(r.stdout, `${command} ${flag}`).toMatch(
          new RegExp(`^usage: npx posmesh ${command}\\b`),
        );
        expect(r.stderr, `${command} ${flag}`).toBe('');
      });
      expect(results[0]!.stdout).toMatch(/--mesh-port/);
      // neither init nor till did anything but print
      expect(existsSync(join(dir.path, 'mesh.config.json'))).toBe(false);
      expect(existsSync(join(dir.path, 'data'))).toBe(false);
      const top = await posmesh(['--help'], dir.path);
      expect(top.code).toBe(0);
      expect(top.stdout).toMatch(/^usage: npx posmesh <command>/);
      expect((await posmesh(['help', 'report'], dir.path)).stdout).toMatch(
        /^usage: npx posmesh report x\|z/,
      );
    } finally {
      dir.remove();
    }
  });

  it('names an unknown option and shows the command usage', async () => {
    const dir = tempDir();
    try {
      const [init, status, report] = await Promise.all([
        posmesh(['init', '--mesh-prot', '7411'], dir.path),
        posmesh(['status', '--jsn'], dir.path),
        posmesh(['report', 'x', '-q'], dir.path),
      ]);
      expect(init.code).toBe(1);
      expect(init.stderr).toMatch(
        /^posmesh init: unknown option --mesh-prot\n\nusage: npx posmesh init /,
      );
      expect(existsSync(join(dir.path, 'mesh.config.json'))).toBe(false);
      expect(status.code).toBe(1);
      expect(status.stderr).toMatch(
        /^posmesh status: unknown option --jsn\n\nusage: npx posmesh status/,
      );
      expect(report.stderr).toMatch(
        /^posmesh report: unknown option -q\n\nusage: npx posmesh report/,
      );
      for (const r of [init, status, report]) expect(r.stderr).not.toMatch(STACK_LINE);
    } finally {
      dir.remove();
    }
  });
});

describe('a second till on this machine, set up with the CLI alone', () => {
  it('gets free ports from init next to a running till, starts, and shows the mesh in status', async () => {
    const first = tempDir();
    const second = tempDir();
    const daemons: Daemon[] = [];
    // loopback only, no multicast: both tills stay on this machine
    const local = ['--host', '127.0.0.1', '--mesh-host', '127.0.0.1', '--no-mdns'];
    const configOf = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'mesh.config.json'), 'utf8')) as {
        http: { host: string; port: number };
        mesh: { listen: string[]; mdns: boolean; peers: string[] };
      };
    const meshPort = (listen: string[]) => Number(/\/tcp\/(\d+)$/.exec(listen[0]!)?.[1]);
    try {
      const madeA = await posmesh(['init', '--code', 'M1', '--demo', ...local], first.path);
      expect(madeA.code, madeA.stderr).toBe(0);
      const a = configOf(first.path);
      const portA = meshPort(a.mesh.listen);
      expect(a.mesh).toEqual({ listen: [`/ip4/127.0.0.1/tcp/${portA}`], mdns: false, peers: [] });
      const joinCode = /npx posmesh join ([0-9a-f]{64})/.exec(madeA.stdout)?.[1];
      const peerA = /peer id (\w+)/.exec(madeA.stdout)?.[1];
      const meshId = /new mesh ([0-9a-f]{16})/.exec(madeA.stdout)?.[1];
      daemons.push(await startDaemon(join(first.path, 'mesh.config.json')));

      const madeB = await posmesh(
        ['init', '--join', joinCode!, '--peer', `/ip4/127.0.0.1/tcp/${portA}`, ...local],
        second.path,
      );
      expect(madeB.code, madeB.stderr).toBe(0);
      // no --code: the mesh was asked, and the first free code taken
      expect(madeB.stdout).toContain(
        'took code M2, the first free one in the mesh (1 till answered; codes in use: M1)',
      );
      const b = configOf(second.path);
      const portB = meshPort(b.mesh.listen);
      // the first till holds the defaults now (or something else already did): others, said so
      expect(madeB.stdout).toContain(
        `http.port 7310 is in use on this machine: using ${b.http.port}`,
      );
      expect(madeB.stdout).toContain(`mesh port 7311 is in use on this machine: using ${portB}`);
      expect(b.http.port).not.toBe(a.http.port);
      expect(portB).not.toBe(portA);
      expect(b.mesh).toEqual({
        listen: [`/ip4/127.0.0.1/tcp/${portB}`],
        mdns: false,
        peers: [`/ip4/127.0.0.1/tcp/${portA}`],
      });
      const fileB = join(second.path, 'mesh.config.json');
      expect(madeB.stdout).toContain(`start it with: npx posmesh till --config ${fileB}`);
      const peerB = /peer id (\w+)/.exec(madeB.stdout)?.[1];
      const tillB = await startDaemon(fileB);
      daemons.push(tillB);
      expect(tillB.url).toBe(`http://127.0.0.1:${b.http.port}/`);

      await waitFor(
        async () => {
          const { stdout } = await posmesh(['status', '--json', '--config', fileB], second.path);
          const mesh = (JSON.parse(stdout) as { mesh: MeshStatus }).mesh;
          return (
            mesh.online.length === 2 &&
            mesh.peers.some((p) => p.till === 'M1' && p.connected && p.lastSync && p.rttMs !== null)
          );
        },
        { what: 'M2 connected to M1', timeoutMs: 20_000, intervalMs: 250 },
      );
      const { stdout, code } = await posmesh(['status', '--config', fileB], second.path);
      expect(code).toBe(0);
      expect(stdout).toContain(`\nmesh ${meshId}\n`);
      expect(stdout).toMatch(
        new RegExp(`\\n  this till +${peerB} +listening on /ip4/127\\.0\\.0\\.1/tcp/${portB}\\n`),
      );
      expect(stdout).toMatch(
        new RegExp(
          `\\n  M1 +${peerA} +connected, last seen \\d+ s ago, last sync \\d+ s ago, round trip \\d+ ms(, behind on .+)?\\n`,
        ),
      );
      expect(stdout).toMatch(/\n  online: M1 "Till M1", M2 "Till M2"\n/);

      // a code the mesh already has is refused, by init and by join, before anything is written
      const third = tempDir();
      try {
        const dialA = ['--peer', `/ip4/127.0.0.1/tcp/${portA}`, ...local];
        const taken = await posmesh(
          ['init', '--code', 'M2', '--join', joinCode!, ...dialA],
          third.path,
        );
        expect(taken.code).toBe(1);
        expect(taken.stderr).toContain(
          `till code M2 is taken in mesh ${meshId} by "Till M2" (peer ${peerB}): leave --code out to take a free one, or choose another: M3 is free`,
        );
        expect(existsSync(join(third.path, 'mesh.config.json'))).toBe(false);
        expect((await posmesh(['init', '--code', 'M1', ...dialA], third.path)).code).toBe(0);
        const fileC = join(third.path, 'mesh.config.json');
        const refused = await posmesh(
          ['join', joinCode!, '--force', '--config', fileC],
          third.path,
        );
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(
          `till code M1 is taken in mesh ${meshId} by "Till M1" (peer ${peerA}): change till.code in ${fileC}: M3 is free`,
        );
      } finally {
        third.remove();
      }
    } finally {
      await Promise.all(daemons.map((d) => d.stop()));
      first.remove();
      second.remove();
    }
  });
});
