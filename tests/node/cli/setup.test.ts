// Setting tills up with the CLI alone: init, the mesh secret and join, a second till.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Daemon } from '../../helpers/daemon.ts';
import { startDaemon } from '../../helpers/daemon.ts';
import { posmesh } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/till.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import type { MeshStatus } from '../../../crdt/status.ts';

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
