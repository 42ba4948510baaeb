import type { Me } from '@crm/contracts';
import type { Command } from 'commander';
import { action } from '../action';
import { connect, signedIn } from '../connection';
import { askEmail, readPassword } from '../input';
import { readProfile, writeProfile } from '../profiles';

const roleNames = (me: Me) => me.roles.map((r) => r.name).join(', ') || 'none';

export function registerSessionCommands(program: Command) {
  program
    .command('login')
    .description('sign in to a server and keep the session in a profile')
    .option(
      '--url <url>',
      "the server (default: CRM_URL, else the profile's, else http://localhost:8000)",
    )
    .option('--email <email>', 'who signs in (prompted for when omitted)')
    .option('--password-stdin', 'read the password from standard input instead of prompting')
    .action(
      action<{ url?: string; email?: string; passwordStdin?: boolean }>(
        async ({ options, out }) => {
          const { client, profile, url } = connect(options, { url: options.url, session: true });
          const previous = readProfile(profile);
          const email = options.email ?? (await askEmail(previous?.email));
          const password = await readPassword({
            fromStdin: options.passwordStdin,
            message: `Password for ${email}`,
          });
          await client.login(email, password);
          // The session this one replaces would otherwise linger on the server until it expired;
          // if it has already ended, there is nothing to do.
          if (previous?.url === url && previous.tokens) {
            await client.auth.logout
              .mutate({ refreshToken: previous.tokens.refreshToken })
              .catch(() => undefined);
          }
          const me = await client.auth.me.query({});
          writeProfile(profile, { ...readProfile(profile)!, email: me.user?.email ?? email });
          out.result({ profile, url, user: me.user, roles: me.roles }, () =>
            out.line(
              `Signed in to ${url} as ${me.user?.email} (${roleNames(me)}); profile "${profile}".`,
            ),
          );
        },
        { suggestSignIn: false },
      ),
    );

  program
    .command('logout')
    .description("end the profile's session on the server and forget its tokens")
    .action(
      action(async ({ options, out }) => {
        const { client, profile, url } = connect(options, { session: true });
        const wasSignedIn = await client.isAuthenticated();
        await client.logout();
        out.result({ profile, url, signedOut: wasSignedIn }, () =>
          out.line(
            wasSignedIn
              ? `Signed out of ${url}; profile "${profile}".`
              : `Profile "${profile}" was not signed in.`,
          ),
        );
      }),
    );

  program
    .command('whoami')
    .description('show who the CLI calls the server as: user or API key, roles and permissions')
    .action(
      action(async ({ options, out }) => {
        const { client, profile, url } = await signedIn(options);
        const me = await client.auth.me.query({});
        out.result({ ...me, profile, url }, () => {
          const who = me.user
            ? `${me.user.email} (${me.user.name})`
            : `API key "${me.apiKey?.name}"`;
          out.details([
            ['Signed in as', who],
            ['Server', url],
            ['Profile', profile],
            ['Roles', roleNames(me)],
            ['Permissions', me.permissions.join(', ')],
          ]);
        });
      }),
    );
}
