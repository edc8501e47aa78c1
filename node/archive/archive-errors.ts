/** What can go wrong between the relay and its archive, as named errors. */

/** A database URL or file as it may be shown in a log or a status page: never with its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url; // a file path or a malformed URL: nothing in it parses as a password
  }
}

/** The archive's database cannot be reached or opened; the relay keeps its records and retries. */
export class ArchiveUnavailableError extends Error {
  override readonly name = 'ArchiveUnavailableError';

  constructor(
    /** The database, without its password. */
    readonly where: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`the archive ${where} is unavailable: ${reason}`, options);
  }

  static from(url: string, error: unknown): ArchiveUnavailableError {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    return new ArchiveUnavailableError(redactUrl(url), reason, { cause: error });
  }
}

/** The archive was migrated by a newer posmesh than this one: writing to it could lose columns. */
export class ArchiveSchemaTooNewError extends Error {
  override readonly name = 'ArchiveSchemaTooNewError';

  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `the archive's schema is at version ${found}, newer than this posmesh knows (${known}): upgrade posmesh`,
    );
  }
}

/** A record the archive must not keep (an unpaid order): a bug upstream, refused before any write. */
export class ArchiveRecordError extends Error {
  override readonly name = 'ArchiveRecordError';
}
