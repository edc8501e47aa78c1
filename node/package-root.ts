/**
 * The folder of the posmesh package, for files that ship beside the code (the built UI).
 * Found by walking up from this module: the same code runs from node/ (the sources,
 * through tsx) and from dist/chunks/ (compiled), at different depths.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${from} or above`);
  }
}
