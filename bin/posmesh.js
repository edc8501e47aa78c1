#!/usr/bin/env node
// The posmesh command. Runs the compiled CLI (dist/, from `npm run build:daemon`, which
// `npm install` and `npm start` run) while it was built from the files as they are now;
// otherwise the TypeScript sources through tsx, so an edited checkout never runs stale code.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** Whether dist/ was built after the last change to every file it was built from. */
function distIsCurrent() {
  let build;
  try {
    build = JSON.parse(readFileSync(new URL('dist/build.json', root), 'utf8'));
  } catch {
    return false;
  }
  return build.inputs.every((path) => {
    try {
      return statSync(new URL(path, root)).mtimeMs <= build.startedAt;
    } catch {
      return false;
    }
  });
}

if (distIsCurrent()) {
  await import('../dist/posmesh.js');
} else {
  // for a person at a terminal only: scripts and tests read stderr
  if (process.stderr.isTTY)
    process.stderr.write(
      'posmesh: dist/ is missing or older than the sources: running them through tsx (`npm run build:daemon` compiles them)\n',
    );
  const { register } = await import('tsx/esm/api');
  register();
  await import('../node/cli/main.ts');
}
