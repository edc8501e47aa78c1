/**
 * Structured logs: one JSON object per line, with time, level, component and
 * message, plus fields. A logger per component; the sink is injectable so
 * in-process tests can read what was logged.
 */
export const LEVELS = ['debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type Level = (typeof LEVELS)[number];
export type Fields = Record<string, unknown>;
export type LogSink = (line: string) => void;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  fatal(msg: string, fields?: Fields): void;
  child(component: string): Logger;
}

export interface LoggerOptions {
  component: string;
  level?: Level;
  sink?: LogSink;
}

const stdoutSink: LogSink = (line) => process.stdout.write(`${line}\n`);

function serialise(value: unknown): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): Level {
  const wanted = env.POSMESH_LOG_LEVEL;
  return (LEVELS as readonly string[]).includes(wanted ?? '') ? (wanted as Level) : 'info';
}

export function createLogger({
  component,
  level = levelFromEnv(),
  sink = stdoutSink,
}: LoggerOptions): Logger {
  const threshold = LEVELS.indexOf(level);
  const write =
    (lvl: Level) =>
    (msg: string, fields: Fields = {}): void => {
      if (LEVELS.indexOf(lvl) < threshold) return;
      const entry: Fields = { t: new Date().toISOString(), level: lvl, c: component, msg };
      for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);
      sink(JSON.stringify(entry));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    fatal: write('fatal'),
    child: (name) => createLogger({ component: `${component}.${name}`, level, sink }),
  };
}
