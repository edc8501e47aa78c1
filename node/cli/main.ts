/** The posmesh command line. */
import { ConfigError } from '../config/load-config.ts';
import { DomainError } from '../../crdt/errors.ts';
import { PortInUseError } from '../api/http-server.ts';
import { StorageFailedError } from '../storage/update-store.ts';
import { initCommand } from './commands/init.ts';
import { joinCommand, secretCommand } from './commands/secret.ts';
import { tillCommand } from './commands/till.ts';
import { catalogueCommand, reportCommand, statusCommand } from './commands/client-commands.ts';
import { CliError } from './till-client.ts';
import { MeshSecretError } from '../mesh/mesh-secret.ts';
import { LogoError } from '../devices/logo.ts';

const USAGE = `usage: posmesh <command> [options]

  init                 write mesh.config.json, the data directory and the till identity
                       [--dir .] [--code T1] [--name NAME] [--port 7310] [--host 127.0.0.1]
                       [--data-dir data] [--currency EUR] [--demo]
                       [--manager-name NAME --manager-pin PIN] [--join CODE] [--force]
  till                 run the till            [--config mesh.config.json]
  status               state of the running till               [--json]
  catalogue import F   import products from a CSV file         [--json]
  report x|z           X report of the open day, Z report of a closed one [--date yyyymmdd] [--json]
  secret               print this till's mesh join code
  join CODE            join the mesh with that code (then restart the till) [--force]

POSMESH_CONFIG picks the config file, POSMESH_DATA_DIR overrides its dataDir.
`;

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  init: initCommand,
  till: tillCommand,
  status: statusCommand,
  catalogue: catalogueCommand,
  report: reportCommand,
  secret: secretCommand,
  join: joinCommand,
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command "${name}"\n\n${USAGE}`);
  await command(args);
}

const KNOWN_ERRORS = [
  CliError,
  ConfigError,
  DomainError,
  PortInUseError,
  StorageFailedError,
  MeshSecretError,
  LogoError,
];

main(process.argv.slice(2)).catch((error: unknown) => {
  const known =
    KNOWN_ERRORS.some((type) => error instanceof type) ||
    String((error as NodeJS.ErrnoException)?.code).startsWith('ERR_PARSE_ARGS');
  process.stderr.write(
    `posmesh: ${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`,
  );
  process.exit(error instanceof CliError ? error.exitCode : 1);
});
