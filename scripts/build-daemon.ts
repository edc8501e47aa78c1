/**
 * `npm run build:daemon`: the daemon and CLI compiled to JavaScript in dist/, so that
 * starting a till does not compile TypeScript first (tsx did, on every start).
 *
 * One esbuild bundle of node/cli/main.ts with its dependencies, split into chunks along
 * the CLI's `import()`s (`--help` loads none of the till's code). Dependencies are bundled
 * too: resolving and loading libp2p's hundreds of small modules one by one took half of an
 * empty till's start-up. Packages with native addons stay in node_modules.
 *
 * dist/build.json, written last, lists the files the build was made from; bin/posmesh.js
 * runs dist/ only while none of them is newer than the build.
 */
import { build } from 'esbuild';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const CHUNKS = join(DIST, 'chunks');
const MANIFEST = join(DIST, 'build.json');

/** They load compiled `.node` files from their own folders. */
const NATIVE = ['better-sqlite3', 'serialport'];

/** Bundled CommonJS packages (ws, pg, bonjour-service, ...) require() Node's modules; an ES module has no require. */
const REQUIRE_SHIM =
  "import { createRequire as posmeshCreateRequire } from 'node:module'; const require = posmeshCreateRequire(import.meta.url);";

/** What bin/posmesh.js reads. */
export interface BuildManifest {
  /** When the build began: a source saved after that is not in it. */
  startedAt: number;
  /** Paths from the package root: sources, and npm's record of node_modules (bundled too). */
  inputs: string[];
  /** The files written, from dist/. */
  files: string[];
}

/** Builds dist/ from the sources as they are now; returns what it wrote. */
export async function buildDaemon(): Promise<BuildManifest> {
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { posmesh: 'node/cli/main.ts' },
    outdir: DIST,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: NATIVE,
    banner: { js: REQUIRE_SHIM },
    // bundling renames clashing classes (two packages' AbortError); their names must stay
    keepNames: true,
    // V8 keeps every loaded module's source for lazy compilation; comments with a non-Latin-1
    // character (the bundled libraries have a few) made a chunk a two-byte string: 5.5 MiB of
    // heap on a till, 2.2 MiB without them; minified names too took another 2 MiB off a busy
    // till's memory and 5% off its start. Stack positions map back through the .map files
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });

  const previous = readManifest();
  const files = result.outputFiles.map((file) => relative(DIST, file.path));
  mkdirSync(CHUNKS, { recursive: true });
  for (const file of result.outputFiles) {
    // a chunk's name carries the hash of its content: one already there is this one
    if (file.path.startsWith(CHUNKS) && existsSync(file.path)) continue;
    mkdirSync(dirname(file.path), { recursive: true });
    writeAtomically(file.path, file.contents);
  }
  const inputs = [
    ...Object.keys(result.metafile.inputs).filter((path) => !path.startsWith('node_modules/')),
    relative(ROOT, import.meta.filename),
    'node_modules/.package-lock.json',
  ].filter((path) => existsSync(join(ROOT, path)));
  const manifest: BuildManifest = { startedAt, inputs, files };
  writeAtomically(MANIFEST, JSON.stringify(manifest, null, 2));
  // A till may be starting from the previous build right now (another shell, a test), and
  // another build may be writing its own: keep their chunks.
  const kept = new Set([...files, ...(previous?.files ?? [])]);
  for (const name of readdirSync(CHUNKS)) {
    const path = join(CHUNKS, name);
    if (!kept.has(join('chunks', name)) && statSync(path).mtimeMs < startedAt) rmSync(path);
  }
  return manifest;
}

function readManifest(): BuildManifest | undefined {
  try {
    return JSON.parse(readFileSync(MANIFEST, 'utf8')) as BuildManifest;
  } catch {
    return undefined;
  }
}

/** Readers see the old file or the new one, never half of one. */
function writeAtomically(path: string, contents: Uint8Array | string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

if (process.argv[1] === import.meta.filename) {
  const { files, startedAt } = await buildDaemon();
  console.log(`built dist/posmesh.js (${files.length} files) in ${Date.now() - startedAt} ms`);
}
