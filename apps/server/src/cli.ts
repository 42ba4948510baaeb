import { ConfigError, loadConfig, type Config, type Role } from '@crm/config';
import { DatabaseUnavailableError, migrate, MigrationError, openDatabase } from '@crm/db';
import { Command, InvalidArgumentError, Option } from 'commander';
import { adminCreate, adminResetPassword } from './admin-commands';
import { createLogger } from './logging/logger';
import { announce } from './runtime/announce';
import { startServer } from './runtime/start';
import { StartupError } from './runtime/startup-error';

const EXPECTED_ERRORS = [ConfigError, DatabaseUnavailableError, MigrationError, StartupError];

function readConfig(): Config {
  // A .env file beside the working directory is read if present; real environment variables win.
  try {
    process.loadEnvFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return loadConfig();
}

function rolesFrom(value: string): Role[] {
  if (value === 'all') return ['api', 'worker'];
  if (value === 'api' || value === 'worker') return [value];
  throw new InvalidArgumentError('expected api, worker or all');
}

async function start(options: { role?: Role[] }) {
  const config = readConfig();
  const log = createLogger(config);
  const roles = options.role ?? config.roles;
  const server = await startServer(config, roles, log);
  announce(config, server, log);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn('second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    await server.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function migrateCommand() {
  const config = readConfig();
  const log = createLogger(config);
  const db = await openDatabase(config, { log: (m) => log.info(m) });
  try {
    const result = await migrate(db.url);
    log.info({ applied: result.applied, alreadyApplied: result.alreadyApplied }, result.applied.length ? 'migrations applied' : 'database is up to date');
  } finally {
    await db.close();
  }
}

export function buildCli() {
  const program = new Command('crm-server')
    .description('CRM server: HTTP API, background jobs and database maintenance')
    .showHelpAfterError();

  program
    .command('start')
    .description('migrate the database and serve the API and/or run background jobs')
    .addOption(new Option('--role <role>', 'api, worker or all (default: CRM_ROLE, else all)').argParser(rolesFrom))
    .action(start);

  program.command('migrate').description('apply pending database migrations and exit').action(migrateCommand);

  const admin = program.command('admin').description('manage administrators from the server machine');
  admin
    .command('create')
    .description('create an administrator (the first one in production)')
    .requiredOption('--email <email>', 'their email, used to sign in')
    .option('--name <name>', 'their name (default: the part of the email before @)')
    .option('--password-stdin', 'read the password from standard input instead of prompting')
    .action((options) => {
      const config = readConfig();
      return adminCreate(config, createLogger({ ...config, logLevel: 'warn' }), options);
    });
  admin
    .command('reset-password')
    .description("set a user's password and sign them out everywhere")
    .requiredOption('--email <email>', 'the user whose password to set')
    .option('--password-stdin', 'read the password from standard input instead of prompting')
    .action((options) => {
      const config = readConfig();
      return adminResetPassword(config, createLogger({ ...config, logLevel: 'warn' }), options);
    });
  return program;
}

export async function main(argv = process.argv) {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    const expected = EXPECTED_ERRORS.some((type) => error instanceof type);
    process.stderr.write(`crm-server: ${(error as Error).message}\n`);
    if (!expected && process.env.LOG_LEVEL && ['debug', 'trace'].includes(process.env.LOG_LEVEL)) {
      process.stderr.write(`${(error as Error).stack}\n`);
    }
    process.exit(1);
  }
}
