/** The CLI's client for a running till on this machine, signed in with the operator token. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TillConfig } from '../config/load-config.ts';
import { OPERATOR_TOKEN_FILE } from '../auth/till-auth.ts';
import { readRuntimeFile } from './runtime-file.ts';

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export class TillClient {
  private checked = false;

  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly code: string,
  ) {}

  static forConfig(config: TillConfig): TillClient {
    return TillClient.forPeer({ ...config, code: config.till.code, command: 'till' });
  }

  /** A till or the relay on this machine: it answers /api/health with `code`. */
  static forPeer(peer: {
    dataDir: string;
    http: { host: string; port: number };
    code: string;
    command: 'till' | 'relay';
  }): TillClient {
    const runtime = readRuntimeFile(peer.dataDir);
    const url = runtime?.url ?? `http://${peer.http.host}:${peer.http.port}/`;
    let token: string;
    try {
      token = readFileSync(join(peer.dataDir, OPERATOR_TOKEN_FILE), 'utf8').trim();
    } catch {
      throw new CliError(
        `${peer.command} ${peer.code} has never run from ${peer.dataDir} (no operator token): start it with \`npx posmesh ${peer.command}\``,
      );
    }
    return new TillClient(url, token, peer.code);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.checked) {
      // another process may hold the configured port: make sure it is our till
      // before the operator token goes anywhere
      const health = await this.send<{ till: string }>('GET', '/api/health', undefined, false);
      if (health.till !== this.code) {
        throw new CliError(
          `the till answering at ${this.baseUrl} is ${health.till}, not ${this.code}: is ${this.code} running?`,
        );
      }
      this.checked = true;
    }
    return this.send<T>(method, path, body, true);
  }

  private async send<T>(method: string, path: string, body: unknown, signed: boolean): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          'content-type': 'application/json',
          ...(signed ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as Error).cause;
      const detail = cause instanceof Error ? cause.message : (error as Error).message;
      throw new CliError(`no till answers at ${this.baseUrl} (${detail}): is it running?`);
    }
    const payload = (await response.json().catch(() => null)) as {
      error?: { message: string };
    } | null;
    if (!response.ok) {
      throw new CliError(
        `${method} ${path}: ${response.status} ${payload?.error?.message ?? response.statusText}`,
      );
    }
    return payload as T;
  }
}
