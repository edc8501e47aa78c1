/**
 * Tills starting at the same moment on one secret file (a shop's first start,
 * a test, a bench): exactly one makes the mesh, every other reads the same
 * secret, and no draft is left behind. (The half-written file a reader could
 * see between the create and the write, met by the mesh bench's 28 tills
 * starting at once, is closed by construction: the file appears whole, by a
 * link; this race is too narrow to show here reliably.)
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/daemon.ts';
import { tempDir } from '../../helpers/till.ts';

const STARTS = 12;

function start(file: string): Promise<{ code: number | null; out: string }> {
  const script = `
    import { loadOrCreateMeshSecret } from './node/mesh/mesh-secret.ts';
    const { secret, created } = loadOrCreateMeshSecret(${JSON.stringify(file)});
    console.log(JSON.stringify({ join: secret.joinCode, created }));
  `;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: ROOT,
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('the mesh secret at a first start', () => {
  it(`is made once and read whole by ${STARTS} tills starting at once`, async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'mesh.secret');
      const runs = await Promise.all(Array.from({ length: STARTS }, () => start(file)));
      for (const run of runs) expect(run.code, run.out).toBe(0);
      const results = runs.map((r) => JSON.parse(r.out) as { join: string; created: boolean });
      expect(new Set(results.map((r) => r.join)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(readdirSync(dir.path)).toEqual(['mesh.secret']);
    } finally {
      dir.remove();
    }
  });
});
