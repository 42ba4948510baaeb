import { password as promptPassword } from '@inquirer/prompts';
import type { Config } from '@crm/config';
import { emailSchema } from '@crm/contracts';
import { createAdmin, createCoreDeps, DomainError, resetPassword, SYSTEM_ACTOR, type CoreDeps } from '@crm/core';
import { migrate, openDatabase } from '@crm/db';
import type { Logger } from 'pino';
import { StartupError } from './runtime/startup-error';

const OPERATOR = { ...SYSTEM_ACTOR, label: 'crm-server admin' };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** The new password: from stdin when asked, else typed twice at a terminal. */
async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new StartupError('No terminal to type the password in; pass it with --password-stdin.');
  const first = await promptPassword({ message: 'New password', mask: '*' });
  const second = await promptPassword({ message: 'Repeat it', mask: '*' });
  if (first !== second) throw new StartupError('The passwords differ.');
  return first;
}

function parseEmail(value: string): string {
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success) throw new StartupError(`"${value}" is not an email address.`);
  return parsed.data;
}

async function withDeps<T>(config: Config, log: Logger, run: (deps: CoreDeps) => Promise<T>): Promise<T> {
  const db = await openDatabase(config, { log: (m) => log.debug(m) });
  const deps = createCoreDeps({ config, db, log, roles: [] });
  try {
    await migrate(db.url);
    return await run(deps);
  } catch (error) {
    if (error instanceof DomainError) throw new StartupError(error.text.en);
    throw error;
  } finally {
    await deps.close();
    await db.close();
  }
}

export async function adminCreate(config: Config, log: Logger, options: { email: string; name?: string; passwordStdin?: boolean }) {
  const email = parseEmail(options.email);
  const password = await newPassword(Boolean(options.passwordStdin));
  await withDeps(config, log, (deps) =>
    createAdmin(deps, OPERATOR, { email, name: options.name ?? email.split('@')[0]!, password, checkPolicy: true }),
  );
  process.stdout.write(`Created administrator ${email}. Sign in with: crm login --url ${config.publicBaseUrl} --email ${email}\n`);
}

export async function adminResetPassword(config: Config, log: Logger, options: { email: string; passwordStdin?: boolean }) {
  const email = parseEmail(options.email);
  const password = await newPassword(Boolean(options.passwordStdin));
  await withDeps(config, log, (deps) => resetPassword(deps, OPERATOR, email, password));
  process.stdout.write(`Password of ${email} changed; their sessions were signed out.\n`);
}
