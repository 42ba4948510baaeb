import { PERMISSIONS } from '@crm/contracts';
import type { Command } from 'commander';
import { action } from '../action';
import { list } from '../arguments';
import { signedIn } from '../connection';

const permissionHelp = `\nPermissions:\n${Object.entries(PERMISSIONS)
  .map(([name, description]) => `  ${name.padEnd(22)}${description}`)
  .join('\n')}\n  ${'*'.padEnd(22)}Every permission, including ones added later\n`;

export function registerRoleCommands(program: Command) {
  const roles = program
    .command('roles')
    .description('roles: named sets of permissions that users and API keys hold');

  roles
    .command('list')
    .description('list roles with their permissions and how many users hold them')
    .action(
      action(async ({ options, out }) => {
        const { client } = await signedIn(options);
        const result = await client.admin.roles.list.query({});
        out.result(result, () =>
          out.table(
            ['Role', 'Description', 'Permissions', 'Users'],
            result.items.map((r) => [
              r.system ? `${r.name} ${out.color.dim('(built-in)')}` : r.name,
              r.description,
              r.permissions.join('\n'),
              String(r.userCount),
            ]),
          ),
        );
      }),
    );

  roles
    .command('create <name>')
    .description('create a role')
    .requiredOption(
      '--permission <permissions>',
      'a permission to grant; repeat or separate with commas',
      list,
    )
    .option('--description <text>', 'what the role is for')
    .addHelpText('after', permissionHelp)
    .action(
      action<{ permission: string[]; description?: string }, [string]>(
        async ({ options, out }, name) => {
          const { client } = await signedIn(options);
          const role = await client.admin.roles.create.mutate({
            name,
            description: options.description,
            permissions: options.permission,
          });
          out.result(role, () =>
            out.line(`Created role ${role.name} with ${role.permissions.join(', ')}.`),
          );
        },
      ),
    );
}
