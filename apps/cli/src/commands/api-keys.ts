import type { ApiKey } from '@crm/contracts';
import type { CrmClient } from '@crm/sdk';
import type { Command } from 'commander';
import { action } from '../action';
import { date, isUuid } from '../arguments';
import { signedIn } from '../connection';
import { CliError } from '../failure';
import { when, type Output } from '../output';

function state(out: Output, key: ApiKey): string {
  if (key.revokedAt) return out.color.red('revoked');
  if (key.expiresAt && key.expiresAt <= new Date()) return out.color.yellow('expired');
  return out.color.green('active');
}

/** A key named by id, or by the name of one that still works. */
async function findKey(client: CrmClient, ref: string): Promise<ApiKey> {
  const { items } = await client.admin.apiKeys.list.query({});
  if (isUuid(ref)) {
    const key = items.find((k) => k.id === ref);
    if (!key) throw new CliError(`no API key with the id ${ref}`);
    return key;
  }
  const named = items.filter((k) => k.name === ref && !k.revokedAt);
  if (named.length === 0) throw new CliError(`no active API key named "${ref}"`);
  if (named.length > 1)
    throw new CliError(
      `${named.length} active keys are named "${ref}"; give the id: ${named.map((k) => k.id).join(', ')}`,
    );
  return named[0]!;
}

export function registerApiKeyCommands(program: Command) {
  const keys = program
    .command('api-keys')
    .description('keys that let other systems call the API with the permissions of a role');

  keys
    .command('create')
    .description('create a key; it is printed once, store it then')
    .requiredOption('--name <name>', 'who or what uses it, e.g. "BI export"')
    .requiredOption('--role <role>', 'the role whose permissions it carries, e.g. analyst')
    .option('--expires <date>', 'when it stops working (default: never)', date)
    .addHelpText('after', '\nUse it as "Authorization: Bearer <key>" or "X-API-Key: <key>".\n')
    .action(
      action<{ name: string; role: string; expires?: Date }>(async ({ options, out }) => {
        const { client } = await signedIn(options);
        const created = await client.admin.apiKeys.create.mutate({
          name: options.name,
          role: options.role,
          expiresAt: options.expires,
        });
        out.result(created, ({ apiKey, key }) => {
          // The key alone on stdout, so KEY=$(crm api-keys create ...) captures it.
          out.line(key);
          out.note(
            `Created API key "${apiKey.name}" with role ${apiKey.role.name}. Store it now: it is not shown again.`,
          );
        });
      }),
    );

  keys
    .command('list')
    .description('list keys, newest first')
    .action(
      action(async ({ options, out }) => {
        const { client } = await signedIn(options);
        const result = await client.admin.apiKeys.list.query({});
        out.result(result, () =>
          out.table(
            ['Name', 'Role', 'Key', 'State', 'Created', 'Last used', 'Expires', 'Id'],
            result.items.map((k) => [
              k.name,
              k.role.name,
              k.hint,
              state(out, k),
              when(k.createdAt),
              when(k.lastUsedAt),
              when(k.expiresAt),
              k.id,
            ]),
          ),
        );
      }),
    );

  keys
    .command('revoke <key>')
    .description('stop a key from working, at once; name it by id or by name')
    .action(
      action<object, [string]>(async ({ options, out }, ref) => {
        const { client } = await signedIn(options);
        const key = await findKey(client, ref);
        await client.admin.apiKeys.revoke.mutate({ id: key.id });
        out.result({ id: key.id, name: key.name, revoked: true }, () =>
          out.line(`Revoked API key "${key.name}" (${key.hint}).`),
        );
      }),
    );
}
