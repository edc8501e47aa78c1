/**
 * Every command's usage, and its arguments parsed strictly: `--help` or `-h` prints the
 * command's usage, an unknown option or a missing value is an error naming it, followed
 * by that usage.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { CliError } from './till-client.ts';

/** From a checkout `posmesh` is not on the PATH; npx finds the checkout's own bin. */
export const RUN = 'npx posmesh';

export const COMMAND_USAGE = {
  init: `usage: ${RUN} init [options]

Writes mesh.config.json (checked before it is written), the data directory, the till's
identity and mesh secret, and with --manager-* the first manager.

  --dir DIR              where mesh.config.json goes                       (.)
  --code CODE            till code: 1 to 8 capital letters or digits
                         (T1 in a new mesh; joining, the first free one)
  --name NAME            display name                                       (Till CODE)
  --host ADDRESS         where the API and UI listen                        (127.0.0.1)
  --port PORT            API and UI port; 0 picks one at each start         (7310)
  --mesh-host ADDRESS    where the mesh listens; 0.0.0.0 is every network   (0.0.0.0)
  --mesh-port PORT       mesh (libp2p) port; 0 picks one at each start      (7311)
  --peer MULTIADDR       a till to dial, such as /ip4/192.168.1.20/tcp/7311 (repeatable)
  --no-mdns              do not find tills by mDNS (then give --peer)
  --data-dir DIR         data directory, relative to --dir                  (data)
  --currency CODE        currency of a new mesh                             (EUR)
  --demo                 demo catalogue, demo staff and simulated devices
  --manager-name NAME --manager-pin PIN   the first manager
  --join CODE            join the mesh with this code instead of starting one
  --force                overwrite an existing mesh.config.json

Without --port or --mesh-port, a default another program already holds on this
machine is replaced by a free port, and init says so. With --join, init asks the
mesh (the --peer tills, and mDNS) which codes are in use: without --code it takes
the first free one, and a --code another till holds is refused.
`,
  till: `usage: ${RUN} till [--config FILE]

Runs the till (API, UI, mesh, devices) until Ctrl-C or SIGTERM: JSON log lines on
stdout, a "ready" line on stderr.

  --config FILE, -c      the config file            (POSMESH_CONFIG, else ./mesh.config.json)
`,
  relay: `usage: ${RUN} relay [--config FILE] [--join CODE]

Runs the relay: a peer of the mesh with no cashier that keeps every document,
links tills on other networks (they list it in mesh.relays) and archives every
finished sale, refund, transfer, cash movement and Z report to its database.

  --config FILE, -c      the relay's config file (role "relay")   (./relay.config.json)
  --join CODE            the mesh's join code, the first time (\`${RUN} secret\` on a till)
`,
  status: `usage: ${RUN} status [--config FILE] [--json]

The running till: business day, catalogue, journal, devices and the mesh. With a
relay's config: its archive (archived, waiting, failing) and the mesh.

  --config FILE, -c      the till's config file     (POSMESH_CONFIG, else ./mesh.config.json)
  --json                 everything, as GET /api/status gives it
`,
  catalogue: `usage: ${RUN} catalogue import FILE.csv [--config FILE] [--json]

Imports products from a CSV file into the running till; refused rows are listed by
line and column, and the command then exits with code 2.

  --config FILE, -c      the till's config file     (POSMESH_CONFIG, else ./mesh.config.json)
  --json                 the result as JSON
`,
  report: `usage: ${RUN} report x|z|archive [--date yyyymmdd] [--config FILE] [--json]

The X report of the open business day, or the Z report of a closed one. With a
relay's config: \`archive\`, sales per till per day and per shop from its archive.

  --date yyyymmdd        the closed day of a Z report                       (today)
  --config FILE, -c      the till's config file     (POSMESH_CONFIG, else ./mesh.config.json)
  --json                 the report as JSON
`,
  secret: `usage: ${RUN} secret [--config FILE]

Prints this till's mesh join code (give it to the next till) and mesh id.

  --config FILE, -c      the till's config file     (POSMESH_CONFIG, else ./mesh.config.json)
`,
  verify: `usage: ${RUN} verify [--date yyyymmdd] [--config FILE] [--json]

Checks the books in this till's database, offline: every paid order and refund of
every till it holds must be signed by that till and form an unbroken chain (no gap,
no edit, no second history). Says what is wrong and where; exits 1 if anything is.
With a relay's config: the same for every order of the mesh in the relay's archive
(SQLite or PostgreSQL), against the tills the relay knows; the relay may be running.

  --date yyyymmdd        only that business day (still linked to the days before)
  --config FILE, -c      a till's or relay's config (POSMESH_CONFIG, else ./mesh.config.json)
  --json                 the findings as JSON
`,
  join: `usage: ${RUN} join CODE [--config FILE] [--force]

Makes this till a member of the mesh with that join code; restart the till afterwards.

  --config FILE, -c      the till's config file     (POSMESH_CONFIG, else ./mesh.config.json)
  --force                leave the mesh this till is in for the new one
`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export const USAGE = `usage: ${RUN} <command> [options]

  init                 write mesh.config.json, the data directory and the till identity
  till                 run the till
  relay                run the relay (archive, links between networks)
  status               state of the running till, its devices and the mesh
  catalogue import F   import products from a CSV file
  report x|z           X report of the open day, Z report of a closed one
  verify               check the books' signatures and chains offline (a till's, an archive's)
  secret               print this till's mesh join code
  join CODE            join the mesh with that code (then restart the till)

${RUN} <command> --help shows a command's options.
POSMESH_CONFIG picks the config file, POSMESH_DATA_DIR overrides its dataDir.
`;

export const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMAND_USAGE, name);

/** Thrown for `--help`: main prints the usage and exits 0. */
export class HelpRequested extends Error {
  override readonly name = 'HelpRequested';
  constructor(readonly usage: string) {
    super(usage);
  }
}

export class UsageError extends CliError {
  constructor(command: CommandName, problem: string) {
    super(`posmesh ${command}: ${problem}\n\n${COMMAND_USAGE[command]}`);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `--help` or `-h` before `--` (after it, everything is a positional). */
export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
>;

export function parseCommand<const O extends Options>(
  command: CommandName,
  args: string[],
  options: O,
  positionals: number = 0,
): Parsed<O> {
  if (wantsHelp(args)) throw new HelpRequested(COMMAND_USAGE[command]);
  // a first pass that accepts anything, to name an unknown option in our words
  const { tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const known = options[token.name];
    if (!known) throw new UsageError(command, `unknown option ${token.rawName}`);
    if (known.type === 'string' && token.value === undefined)
      throw new UsageError(command, `${token.rawName} needs a value`);
    if (known.type === 'boolean' && token.inlineValue)
      throw new UsageError(command, `${token.rawName} takes no value`);
  }
  const extra = tokens.filter((t) => t.kind === 'positional').slice(positionals)[0];
  if (extra?.kind === 'positional')
    throw new UsageError(command, `unexpected argument "${extra.value}"`);
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(command, (error as Error).message);
  }
}
