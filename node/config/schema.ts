/**
 * mesh.config.json: one till's configuration. Strict: an unknown key is an error
 * (a typo must not be silently ignored).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import { z } from 'zod';
import { uiLanguages } from '../../crdt/schema.ts';
import { TILL_CODE_PATTERN } from '../../crdt/ids.ts';
import { devicesSchema } from './devices-schema.ts';

export const DEFAULT_HTTP_PORT = 7310;
export const DEFAULT_HTTP_HOST = '127.0.0.1';

export const DEFAULT_MESH_HOST = '0.0.0.0';
export const DEFAULT_MESH_PORT = 7311;
export const DEFAULT_MESH_LISTEN = `/ip4/${DEFAULT_MESH_HOST}/tcp/${DEFAULT_MESH_PORT}`;
export const DEFAULT_SECRET_FILE = 'mesh.secret';
/** Archived days stay this long for refunds and reprints of recent sales. */
export const DEFAULT_KEEP_ARCHIVED_DAYS = 90;
/** Ten years: the longest period common fiscal rules keep a shop's books. */
export const DEFAULT_KEEP_UNARCHIVED_DAYS = 3_650;

const MULTIADDR = /^\/(ip4|ip6|dns4|dns6|dns)\/([^/]+)\/tcp\/(\d+)(?:\/p2p\/([^/]+))?$/;

/**
 * A TCP multiaddr, checked as far as a file can be: the form, an IP address that is
 * one, a port in range (0 picks a free one, so only where this till listens) and a
 * peer id that parses. What only the running till can know (a port another process
 * holds) is reported by the till as a config error on the same field.
 */
const multiaddrText = (use: 'listen' | 'peer' | 'relay') =>
  z.string().superRefine((text, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
    const match = MULTIADDR.exec(text);
    if (!match) return fail('a multiaddr such as /ip4/192.168.1.20/tcp/7311');
    const [, protocol, host, port, peerId] = match;
    if (protocol === 'ip4' && !isIPv4(host!)) return fail(`${host} is not an IPv4 address`);
    if (protocol === 'ip6' && !isIPv6(host!)) return fail(`${host} is not an IPv6 address`);
    const lowest = use === 'listen' ? 0 : 1;
    if (Number(port) < lowest || Number(port) > 65_535)
      return fail(`port ${port} is out of range: ${lowest} to 65535`);
    if (peerId !== undefined) {
      try {
        peerIdFromString(peerId);
      } catch {
        return fail(`"${peerId}" is not a libp2p peer id (such as 12D3KooW...)`);
      }
    }
    try {
      multiaddr(text);
    } catch (error) {
      fail((error as Error).message);
    }
  });

export const meshSchema = z.strictObject({
  /** Where libp2p listens; tcp/0 picks a free port. */
  listen: z.array(multiaddrText('listen')).min(1).default([DEFAULT_MESH_LISTEN]),
  /** The mesh secret (pre-shared key); relative paths are relative to dataDir. */
  secretFile: z.string().min(1).default(DEFAULT_SECRET_FILE),
  /** DNS-SD over mDNS; an interface address limits it to that network. */
  mdns: z.union([z.boolean(), z.strictObject({ interface: z.string().min(1) })]).default(true),
  /** Tills to dial on networks without multicast. */
  peers: z.array(multiaddrText('peer')).default([]),
  /** Relays to dial (another network's tills meet through one; it archives). */
  relays: z.array(multiaddrText('relay')).default([]),
});
export type MeshConfig = z.infer<typeof meshSchema>;

export const httpSchema = z
  .strictObject({
    host: z.string().min(1).default(DEFAULT_HTTP_HOST),
    port: z.number().int().min(0).max(65_535).default(DEFAULT_HTTP_PORT),
  })
  .default({ host: DEFAULT_HTTP_HOST, port: DEFAULT_HTTP_PORT });

export const meshWithDefaults = meshSchema.default({
  listen: [DEFAULT_MESH_LISTEN],
  secretFile: DEFAULT_SECRET_FILE,
  mdns: true,
  peers: [],
  relays: [],
});

export const configSchema = z.strictObject({
  till: z.strictObject({
    code: z
      .string()
      .regex(TILL_CODE_PATTERN, 'must be 1 to 8 capital letters or digits, such as "T1"'),
    name: z.string().min(1).max(60),
    /** The screen's language when the till first joins; a manager changes it in the settings after. */
    language: z.enum(uiLanguages).optional(),
  }),
  /** Transfer roles this till announces the first time it joins the mesh. */
  roles: z
    .strictObject({ sender: z.boolean(), receiver: z.boolean() })
    .default({ sender: true, receiver: true }),
  /** Relative paths are relative to the config file. */
  dataDir: z.string().min(1),
  http: httpSchema,
  mesh: meshWithDefaults,
  /** This till's printer, drawer, customer display and scanner; none by default. */
  devices: devicesSchema.default({}),
  /**
   * How long closed days stay in this till's journal: after a relay archived
   * them, or, never archived, for as long as the shop's fiscal rules keep books.
   */
  journal: z
    .strictObject({
      keepArchivedDays: z.number().int().min(0).max(36_500).default(DEFAULT_KEEP_ARCHIVED_DAYS),
      keepUnarchivedDays: z.number().int().min(1).max(36_500).default(DEFAULT_KEEP_UNARCHIVED_DAYS),
    })
    .default({
      keepArchivedDays: DEFAULT_KEEP_ARCHIVED_DAYS,
      keepUnarchivedDays: DEFAULT_KEEP_UNARCHIVED_DAYS,
    }),
  /** Seed the demo catalogue and demo staff into an empty mesh. */
  demo: z.boolean().default(false),
  /** Currency of a new mesh; afterwards the settings document decides. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"')
    .default('EUR'),
});

export type ConfigFile = z.infer<typeof configSchema>;
