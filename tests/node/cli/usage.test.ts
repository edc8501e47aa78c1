// What the CLI says when it is used wrongly: config errors, --help, unknown options.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTillConfig } from '../../helpers/daemon.ts';
import { holdPort, NO_DNS_FOR_INVALID, posmesh, STACK_LINE } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/till.ts';
import { COMMAND_USAGE } from '../../../node/cli/usage.ts';

// every command the CLI has (main.ts maps each to its code): each must answer --help
const COMMANDS = Object.keys(COMMAND_USAGE);

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
