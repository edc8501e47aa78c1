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

  it('reports a missing file and an unusable data dir', () => {
    const dir = tempDir();
    try {
      expect(() => loadConfig(join(dir.path, 'nope.json'))).toThrow(
        /nope\.json: no such file \(create one with `posmesh init`\)/,
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
