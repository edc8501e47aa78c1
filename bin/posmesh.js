#!/usr/bin/env -S MALLOC_ARENA_MAX=1 node --max-semi-space-size=2
// The posmesh command. A young generation of 2 MiB per semi-space (V8 grows it to 16 MiB
// while a till decodes its open day, and keeps it) saves ~24 MiB on a busy till, and one
// malloc arena for all its threads (glibc gives each of V8's and libuv's threads its own)
// ~5 MiB, at no cost measured to a sale; `npm start` runs with the same settings.
// Runs the compiled CLI (dist/, from `npm run build:daemon`, which
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
