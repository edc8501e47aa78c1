/**
 * A throwaway PostgreSQL server for tests, from Debian's `postgresql` package:
 * initdb on a temp dir, pg_ctl start on a free loopback port, one database,
 * trust auth (nothing but this machine can reach it). PostgreSQL refuses to run
 * as root, so when the tests are root (CI is) the server runs as the
 * `postgres` user the package creates. No binaries is an error, never a skip.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './net.ts';

const run = promisify(execFile);

const DEBIAN_PG_ROOT = '/usr/lib/postgresql';
const SERVER_USER = 'postgres';
const DATABASE = 'posmesh_test';
/** pg_ctl's own wait for the server to accept connections, in seconds. */
const START_WAIT_S = 60;
/** A port taken between freePort() and the server's bind is retried this many times. */
const START_ATTEMPTS = 3;

export class PostgresNotInstalledError extends Error {
  constructor(root: string) {
    super(
      `no PostgreSQL server binaries under ${root}/*/bin: install Debian's package ` +
        '(apt-get install postgresql), as .ci/run does',
    );
    this.name = 'PostgresNotInstalledError';
  }
}

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:PORT/posmesh_test */
  url: string;
  port: number;
  /** A new empty database on the same server, for a test that wants its own; its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server, keeping its data, for a test of an archive that goes away. */
  pause(): Promise<void>;
  /** Starts it again on the same port. */
  resume(): Promise<void>;
  /** Stops the server and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/** The bin dir of the newest installed major version that has initdb and pg_ctl. */
export function postgresBinDir(root = DEBIAN_PG_ROOT): string {
  const versions = existsSync(root) ? readdirSync(root) : [];
  const usable = versions
    .filter((v) => /^\d+$/.test(v))
    .filter((v) => ['initdb', 'pg_ctl'].every((b) => existsSync(join(root, v, 'bin', b))))
    .sort((a, b) => Number(b) - Number(a));
  if (usable.length === 0) throw new PostgresNotInstalledError(root);
  return join(root, usable[0]!, 'bin');
}

const asRoot = process.getuid?.() === 0;

/** Runs a server binary as the unprivileged user when we are root, as ourselves otherwise. */
function runServerTool(bin: string, args: string[]): Promise<{ stdout: string }> {
  return asRoot ? run('runuser', ['-u', SERVER_USER, '--', bin, ...args]) : run(bin, args);
}

async function serverUserIds(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string) => Number((await run('id', [flag, SERVER_USER])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

const urlOf = (port: number, database: string) =>
  `postgres://${SERVER_USER}@127.0.0.1:${port}/${database}`;

async function createDatabase(port: number, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new pg.Client(urlOf(port, 'postgres'));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'posmesh-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  mkdirSync(sockets);
  if (asRoot) {
    const { uid, gid } = await serverUserIds();
    for (const path of [dir, sockets]) chownSync(path, uid, gid);
  }
  const pgCtl = join(bin, 'pg_ctl');
  const serverOn = (port: number) =>
    runServerTool(pgCtl, [
      ...['start', '-w', '-t', String(START_WAIT_S), '-D', data, '-l', join(dir, 'server.log')],
      ...['-o', `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off`],
    ]);
  const serverOff = () => runServerTool(pgCtl, ['stop', '-m', 'fast', '-w', '-D', data]);
  let started: number | null = null;
  try {
    // --no-sync and fsync=off: a test server's data is thrown away, durability buys nothing
    await runServerTool(join(bin, 'initdb'), [
      ...['-D', data, '-U', SERVER_USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    ]);
    for (let attempt = 1; started === null; attempt++) {
      const port = await freePort();
      try {
        await serverOn(port);
        started = port;
      } catch (error) {
        if (attempt >= START_ATTEMPTS) throw error;
      }
    }
    await createDatabase(started, DATABASE);
  } catch (error) {
    if (started !== null) await serverOff();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const port = started;
  let running = true;
  let removed = false;
  return {
    url: urlOf(port, DATABASE),
    port,
    createDatabase: async (name) => {
      await createDatabase(port, name);
      return urlOf(port, name);
    },
    pause: async () => {
      await serverOff();
      running = false;
    },
    resume: async () => {
      await serverOn(port);
      running = true;
    },
    stop: async () => {
      if (removed) return;
      removed = true;
      try {
        if (running) await serverOff();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
