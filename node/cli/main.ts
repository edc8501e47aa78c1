/** The posmesh command line. */
import { CliError } from './till-client.ts';
import { COMMAND_USAGE, HelpRequested, USAGE, UsageError, isCommand, wantsHelp } from './usage.ts';
import type { CommandName } from './usage.ts';

type Command = (args: string[]) => Promise<void>;

// loaded when run: `--help` and a mistyped option answer at once, without the till's
// dependencies (libp2p, SQLite, ...)
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  init: async () => (await import('./commands/init.ts')).initCommand,
  till: async () => (await import('./commands/till.ts')).tillCommand,
  relay: async () => (await import('./commands/relay.ts')).relayCommand,
  status: async () => (await import('./commands/client-commands.ts')).statusCommand,
  catalogue: async () => (await import('./commands/client-commands.ts')).catalogueCommand,
  report: async () => (await import('./commands/client-commands.ts')).reportCommand,
  secret: async () => (await import('./commands/secret.ts')).secretCommand,
  join: async () => (await import('./commands/secret.ts')).joinCommand,
  verify: async () => (await import('./commands/verify.ts')).verifyCommand,
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  if (name === 'help') {
    // `posmesh help init` is `posmesh init --help`
    const topic = args[0];
    process.stdout.write(topic && isCommand(topic) ? COMMAND_USAGE[topic] : USAGE);
    return;
  }
  if (!isCommand(name)) throw new CliError(`unknown command "${name}"\n\n${USAGE}`);
  if (wantsHelp(args)) {
    // before the command's code is loaded: help answers at once
    process.stdout.write(COMMAND_USAGE[name]);
    return;
  }
  const command = await COMMANDS[name]();
  try {
    await command(args);
  } catch (error) {
    if (!(error instanceof HelpRequested)) throw error;
    process.stdout.write(error.usage);
  }
}

/**
 * Errors that say in words what is wrong (a config error names the file, the field and
 * the reason): their message only. Anything else is a bug, and its stack helps.
 */
const KNOWN_ERRORS = new Set([
  'CliError',
  'ConfigError',
  'DomainError',
  'PortInUseError',
  'StorageFailedError',
  'MeshSecretError',
  'LogoError',
  'RelayNeverStartedError',
  'ArchiveUnavailableError',
]);

main(process.argv.slice(2)).catch((error: unknown) => {
  const known =
    (error instanceof Error && KNOWN_ERRORS.has(error.name)) ||
    String((error as NodeJS.ErrnoException)?.code).startsWith('ERR_PARSE_ARGS');
  const text = known ? (error as Error).message : ((error as Error)?.stack ?? String(error));
  // a usage error names its command itself ("posmesh init: ...")
  process.stderr.write(error instanceof UsageError ? `${text}\n` : `posmesh: ${text}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
});
