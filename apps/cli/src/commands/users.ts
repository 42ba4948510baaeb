import type { User } from '@crm/contracts';
import type { CrmClient, CrmInputs } from '@crm/sdk';
import { Option, type Command } from 'commander';
import { action } from '../action';
import { isUuid, list, positiveInteger } from '../arguments';
import { signedIn } from '../connection';
import { CliError } from '../failure';
import { readPassword } from '../input';
import { pageFooter, when, type Output } from '../output';

type UserQuery = CrmInputs['admin']['users']['list'];

/** A user named by id or by email. */
async function findUser(client: CrmClient, ref: string): Promise<User> {
  if (isUuid(ref)) return client.admin.users.get.query({ id: ref });
  const email = ref.trim().toLowerCase();
  const page = await client.admin.users.list.query({ search: email, limit: 50 });
  const user = page.items.find((u) => u.email === email);
  if (!user) throw new CliError(`no user with the email ${ref}`);
  return user;
}

const roleList = (user: User) => user.roles.map((r) => r.name).join(', ') || '—';

function status(out: Output, user: User) {
  return user.status === 'active' ? out.color.green('active') : out.color.red('disabled');
}

function showUser(out: Output, user: User) {
  out.details([
    ['Email', user.email],
    ['Name', user.name],
    ['Status', status(out, user)],
    ['Roles', roleList(user)],
    ['Last sign-in', when(user.lastLoginAt)],
    ['Created', when(user.createdAt)],
    ['Id', user.id],
  ]);
}

/** disable, enable and set-roles: change one user, then show them. */
function updateCommand(
  users: Command,
  usage: string,
  description: string,
  change: (user: User, values: string[]) => { status?: User['status']; roles?: string[] },
  done: (user: User) => string,
) {
  users
    .command(usage)
    .description(description)
    .action(
      action<object, [string, string[]?]>(async ({ options, out }, ref, values = []) => {
        const { client } = await signedIn(options);
        const user = await findUser(client, ref);
        const updated = await client.admin.users.update.mutate({
          id: user.id,
          ...change(user, values),
        });
        out.result(updated, () => out.line(done(updated)));
      }),
    );
}

export function registerUserCommands(program: Command) {
  const users = program
    .command('users')
    .description('people who sign in: add, list, disable, change roles');

  users
    .command('list')
    .description('list users, 50 at a time')
    .option('--search <text>', 'part of the email or name')
    .addOption(
      new Option('--status <status>', 'only active or disabled users').choices([
        'active',
        'disabled',
      ]),
    )
    .option('--role <role>', 'only holders of this role')
    .addOption(
      new Option('--sort <field>', 'sort order; "-" first for descending').choices([
        'email',
        '-email',
        'name',
        '-name',
        'createdAt',
        '-createdAt',
      ]),
    )
    .option('--limit <n>', 'how many (at most 500)', positiveInteger)
    .option('--cursor <cursor>', 'the next page, as the previous page printed')
    .action(
      action<
        Pick<UserQuery, 'search' | 'status' | 'role' | 'sort' | 'cursor'> & { limit?: number }
      >(async ({ options, out }) => {
        const { client } = await signedIn(options);
        const { search, status: only, role, sort, limit, cursor } = options;
        const page = await client.admin.users.list.query({
          search,
          status: only,
          role,
          sort,
          limit,
          cursor,
        });
        out.result(page, () => {
          out.table(
            ['Email', 'Name', 'Status', 'Roles', 'Last sign-in'],
            page.items.map((u) => [
              u.email,
              u.name,
              status(out, u),
              roleList(u),
              when(u.lastLoginAt),
            ]),
          );
          pageFooter(out, page, 'users');
        });
      }),
    );

  users
    .command('add')
    .description('add a user who signs in with a password')
    .requiredOption('--email <email>', 'their email, used to sign in')
    .option('--name <name>', 'their name (default: the part of the email before @)')
    .option('--role <roles>', 'a role to grant; repeat or separate with commas', list)
    .option('--password-stdin', 'read their password from standard input instead of prompting')
    .action(
      action<{ email: string; name?: string; role?: string[]; passwordStdin?: boolean }>(
        async ({ options, out }) => {
          const { client } = await signedIn(options);
          const password = await readPassword({
            fromStdin: options.passwordStdin,
            message: `Password for ${options.email}`,
            confirm: true,
          });
          const user = await client.admin.users.create.mutate({
            email: options.email,
            name: options.name ?? options.email.split('@')[0]!,
            password,
            roles: options.role ?? [],
          });
          out.result(user, () =>
            out.line(`Added ${user.email} (${user.name}) with roles: ${roleList(user)}.`),
          );
        },
      ),
    );

  users
    .command('show <user>')
    .description('show a user, named by email or id')
    .action(
      action<object, [string]>(async ({ options, out }, ref) => {
        const { client } = await signedIn(options);
        const user = await findUser(client, ref);
        out.result(user, () => showUser(out, user));
      }),
    );

  updateCommand(
    users,
    'disable <user>',
    'stop a user from signing in; their sessions end at once',
    () => ({ status: 'disabled' }),
    (u) => `Disabled ${u.email}; their sessions were signed out.`,
  );
  updateCommand(
    users,
    'enable <user>',
    'let a disabled user sign in again',
    () => ({ status: 'active' }),
    (u) => `Enabled ${u.email}.`,
  );
  updateCommand(
    users,
    'set-roles <user> <roles...>',
    "replace a user's roles with the ones given",
    (_user, roles) => ({ roles: roles.flatMap((r) => list(r)) }),
    (u) => `Roles of ${u.email}: ${roleList(u)}.`,
  );
}
