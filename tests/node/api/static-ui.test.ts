import { mkdirSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveUi } from '../../../node/api/static-ui.ts';
import { tempDir } from '../../helpers/till.ts';

const dir = tempDir();
const root = join(dir.path, 'dist');
mkdirSync(join(root, 'assets'), { recursive: true });
mkdirSync(join(dir.path, 'dist-private'));
writeFileSync(join(root, 'index.html'), 'INDEX');
writeFileSync(join(root, 'assets/app.js'), 'APP');
writeFileSync(join(dir.path, 'dist-private/secret.txt'), 'SECRET');
writeFileSync(join(dir.path, 'outside.txt'), 'OUTSIDE');
afterAll(() => dir.remove());

function get(path: string): { type: string; body: string } {
  let type = '';
  let body = '';
  const res = {
    writeHead(_status: number, headers: Record<string, string>) {
      type = headers['content-type'] ?? '';
      return res;
    },
    end(data: Buffer | string) {
      body = data.toString();
    },
  };
  serveUi(path, res as unknown as ServerResponse, root);
  return { type, body };
}

describe('static UI files', () => {
  it('serves files inside the folder with their type, index.html for client routes', () => {
    expect(get('/assets/app.js')).toEqual({ type: 'text/javascript; charset=utf-8', body: 'APP' });
    expect(get('/status/peers').body).toBe('INDEX');
  });

  it('never serves anything outside the folder', () => {
    for (const path of [
      '/../outside.txt',
      '/..%2foutside.txt',
      '/..%2fdist-private/secret.txt',
      '/%E0%A4%A',
    ]) {
      expect(get(path).body, path).toBe('INDEX');
    }
  });
});
