import pg from 'pg';

/** The database cannot be used; the message says why, without credentials. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
  ETIMEDOUT: 'the connection timed out',
  '28P01': 'the password was rejected',
  '28000': 'the user is not allowed to connect',
  '3D000': 'the database does not exist',
};

/** Connects once so that a bad DATABASE_URL fails at start with one clear sentence. */
export async function checkConnection(url: string): Promise<{ serverVersion: string; encoding: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; encoding: string }>(
      `SELECT current_setting('server_version') AS version, pg_encoding_to_char(encoding) AS encoding
         FROM pg_database WHERE datname = current_database()`,
    );
    const row = rows[0]!;
    if (row.encoding !== 'UTF8') {
      throw new DatabaseUnavailableError(
        `The database at ${describeUrl(url)} uses the ${row.encoding} encoding; Russian text needs UTF8. Create it with ENCODING 'UTF8'.`,
      );
    }
    return { serverVersion: row.version, encoding: row.encoding };
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    const code = (error as { code?: string }).code ?? '';
    const reason = REASONS[code] ?? (error as Error).message;
    throw new DatabaseUnavailableError(`Cannot connect to the database at ${describeUrl(url)}: ${reason}.`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => {});
  }
}
