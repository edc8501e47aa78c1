import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../node/config/load-config.ts';
import { tempDir } from '../helpers/till.ts';

const valid = { till: { code: 'T1', name: 'Front' }, dataDir: 'data' };

function problems(raw: unknown): string[] {
  try {
    parseConfig('/shop/mesh.config.json', typeof raw === 'string' ? raw : JSON.stringify(raw));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('mesh.config.json', () => {
  it('fills defaults and resolves the data dir next to the file', () => {
    const config = parseConfig('/shop/mesh.config.json', JSON.stringify(valid));
    expect(config).toMatchObject({
      dataDir: '/shop/data',
      http: { host: '127.0.0.1', port: 7310 },
      roles: { sender: true, receiver: true },
      demo: false,
      currency: 'EUR',
    });
    expect(
      parseConfig('/shop/mesh.config.json', JSON.stringify(valid), { POSMESH_DATA_DIR: '/var/t1' })
        .dataDir,
    ).toBe('/var/t1');
  });

  it('names the field and the reason for every mistake', () => {
    expect(problems({ ...valid, till: { code: 't1', name: 'x' } })).toEqual([
      'till.code: must be 1 to 8 capital letters or digits, such as "T1" (got "t1")',
    ]);
    expect(problems({ ...valid, http: { port: 'abc' } })[0]).toMatch(
      /^http\.port: .*number.*\(got "abc"\)$/,
    );
    expect(problems({ ...valid, http: { port: 70000 } })[0]).toMatch(/^http\.port: /);
    expect(problems({ ...valid, colour: 'blue' })[0]).toMatch(/^\(top level\): .*colour/);
    expect(problems({ till: { code: 'T1', name: 'x' } })[0]).toMatch(/^dataDir: /);
    expect(problems('{ "till": ')[0]).toMatch(/^not valid JSON: /);
  });

  it('checks every mesh address: ports in range, real IP addresses, real peer ids', () => {
    const mesh = (m: Record<string, unknown>) => problems({ ...valid, mesh: m });
    expect(mesh({ listen: ['/ip4/0.0.0.0/tcp/99999'] })).toEqual([
      'mesh.listen.0: port 99999 is out of range: 0 to 65535 (got "/ip4/0.0.0.0/tcp/99999")',
    ]);
    expect(mesh({ listen: ['/ip4/300.1.2.3/tcp/7311'] })).toEqual([
      'mesh.listen.0: 300.1.2.3 is not an IPv4 address (got "/ip4/300.1.2.3/tcp/7311")',
    ]);
    expect(mesh({ listen: ['/ip6/1.2.3.4/tcp/7311'] })[0]).toMatch(
      /^mesh\.listen\.0: 1\.2\.3\.4 is not an IPv6 address/,
    );
    expect(mesh({ listen: ['0.0.0.0:7311'] })[0]).toMatch(
      /^mesh\.listen\.0: a multiaddr such as \/ip4\/192\.168\.1\.20\/tcp\/7311/,
    );
    expect(mesh({ peers: ['/ip4/192.168.1.20/tcp/0'] })).toEqual([
      'mesh.peers.0: port 0 is out of range: 1 to 65535 (got "/ip4/192.168.1.20/tcp/0")',
    ]);
    expect(mesh({ peers: ['/ip4/192.168.1.20/tcp/7311/p2p/notapeer'] })[0]).toMatch(
      /^mesh\.peers\.0: "notapeer" is not a libp2p peer id/,
    );
    // what a till really uses stays valid
    expect(
      mesh({
        listen: ['/ip4/0.0.0.0/tcp/7311', '/ip6/::/tcp/0', '/ip4/127.0.0.1/tcp/65535'],
        peers: [
          '/dns4/till2.local/tcp/7311',
          '/ip4/192.168.1.20/tcp/7311/p2p/12D3KooWMmT9D5KRQG9LWDiP2QLM2SNCe3DEtyKiGupasaq2rG82',
        ],
      }),
    ).toEqual([]);
  });

  it('reports a missing file and an unusable data dir', () => {
    const dir = tempDir();
    try {
      expect(() => loadConfig(join(dir.path, 'nope.json'))).toThrow(
        /nope\.json: no such file \(create one with `npx posmesh init`\)/,
      );
      writeFileSync(join(dir.path, 'blocker'), 'a file, not a directory');
      const file = join(dir.path, 'mesh.config.json');
      writeFileSync(file, JSON.stringify({ ...valid, dataDir: 'blocker/data' }));
      expect(() => loadConfig(file)).toThrow(
        /dataDir: .*blocker\/data is not a readable, writable directory \(ENOTDIR\)/,
      );
    } finally {
      dir.remove();
    }
  });
});

describe('the devices section', () => {
  const devices = (d: unknown) => problems({ ...valid, devices: d });

  it('takes every kind of device, with defaults for what is left out', () => {
    const config = parseConfig(
      '/shop/mesh.config.json',
      JSON.stringify({
        ...valid,
        devices: {
          printer: { transport: 'tcp', host: '192.168.1.50' },
          drawer: {},
          display: { transport: 'serial', path: '/dev/ttyUSB1', commandSet: 'cd5220' },
          scanner: { transport: 'serial', path: '/dev/ttyACM0', suffix: 'crlf' },
        },
      }),
    );
    expect(config.devices).toMatchObject({
      printer: {
        transport: 'tcp',
        host: '192.168.1.50',
        port: 9100,
        paperWidth: 80,
        codepage: 'auto',
        cut: true,
        status: true,
        staleAfterMinutes: 30,
      },
      drawer: { pin: 2, pulseMs: 100, sensor: 'none' },
      display: { baud: 9600, codepage: 'cp437', welcome: 'Welcome', idleSeconds: 30 },
      scanner: { baud: 9600, suffix: 'crlf' },
    });
    expect(parseConfig('/shop/mesh.config.json', JSON.stringify(valid)).devices).toEqual({});
  });

  it('names the field and the reason for every mistake', () => {
    expect(devices({ printer: { transport: 'usb' } })[0]).toMatch(
      /^devices\.printer\.transport: .*'tcp' \| 'serial' \| 'file' \| 'simulated'.*\(got "usb"\)$/,
    );
    expect(devices({ printer: { transport: 'tcp' } })).toEqual([
      'devices.printer.host: required: the printer address, such as 192.168.1.50',
    ]);
    expect(
      devices({ printer: { transport: 'serial', path: '/dev/ttyS0', baud: 9601 } })[0],
    ).toMatch(/^devices\.printer\.baud: one of 1200, .* \(got 9601\)$/);
    expect(devices({ printer: { transport: 'simulated', paperWidth: 76 } })).toEqual([
      'devices.printer.paperWidth: 58 or 80 (mm) (got 76)',
    ]);
    expect(devices({ printer: { transport: 'simulated', codepage: 'cp999' } })[0]).toMatch(
      /^devices\.printer\.codepage: /,
    );
    expect(devices({ printer: { transport: 'simulated', model: 'star-tsp650' } })[0]).toMatch(
      /^devices\.printer\.model: one of /,
    );
    expect(devices({ drawer: {} })).toEqual([
      'devices.drawer: a cash drawer opens through the receipt printer: configure devices.printer too',
    ]);
    expect(devices({ printer: { transport: 'simulated' }, drawer: { pin: 3 } })).toEqual([
      'devices.drawer.pin: 2 or 5 (got 3)',
    ]);
    expect(devices({ display: { transport: 'serial' } })).toEqual([
      'devices.display.path: required: a device path such as /dev/ttyUSB0',
    ]);
    expect(
      devices({ display: { transport: 'serial', path: '/x', commandSet: 'vt100' } })[0],
    ).toMatch(/^devices\.display\.commandSet: /);
    expect(devices({ scanner: { transport: 'serial', path: '/x', suffix: 'tab' } })[0]).toMatch(
      /^devices\.scanner\.suffix: /,
    );
    expect(devices({ printer: { transport: 'simulated', colour: 'red' } })[0]).toMatch(
      /^devices\.printer: .*colour/,
    );
  });
});
