import type { ConnectionReport, Integration } from '@crm/contracts';
import type { CrmClient } from '@crm/sdk';
import type { Command } from 'commander';
import { action } from '../action';
import { isUuid, positiveInteger } from '../arguments';
import { signedIn } from '../connection';
import { CliError } from '../failure';
import { confirmAtTerminal, readPassword, readSecret } from '../input';
import { when, type Output } from '../output';

/** An integration named by id or by name; with none named, the only one there is. */
export async function findIntegration(client: CrmClient, ref?: string): Promise<Integration> {
  const { items } = await client.admin.integrations.list.query({});
  if (!ref) {
    if (items.length === 1) return items[0]!;
    throw new CliError(items.length ? `${items.length} integrations are connected; name one: ${items.map((i) => `"${i.name}"`).join(', ')}` : 'no integration is connected; add one with: crm integrations add');
  }
  const found = items.find((i) => (isUuid(ref) ? i.id === ref : i.name === ref));
  if (!found) throw new CliError(`no integration ${isUuid(ref) ? 'with the id' : 'named'} ${ref}`);
  return found;
}

function status(out: Output, integration: Integration): string {
  const colour = integration.status === 'active' ? out.color.green : integration.status === 'error' ? out.color.red : out.color.yellow;
  return colour(integration.status);
}

const lag = (seconds: number | null) =>
  seconds === null ? '—' : seconds < 90 ? `${seconds} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;

function printReport(out: Output, report: ConnectionReport) {
  out.line(report.ok ? out.color.green('Connection works.') : out.color.red('Connection does not work.'));
  if (report.account) {
    out.details([
      ['Employee', `${report.account.employee}${report.account.email ? ` <${report.account.email}>` : ''}`],
      ['Administrator', report.account.isAdmin ? 'yes' : 'no (webhooks need an administrator)'],
      ['Sees cost', report.canSeeCost === null ? 'unknown' : report.canSeeCost ? 'yes' : 'no (cost of goods and margins stay empty)'],
    ]);
  }
  for (const problem of report.problems) out.line(`${out.color.yellow('•')} ${problem.message}`);
  const hidden = report.entities.filter((e) => !e.readable).map((e) => e.entity);
  if (hidden.length) out.line(`${out.color.yellow('•')} may not read: ${hidden.join(', ')} (skipped by syncs)`);
}

type CredentialOptions = { token?: boolean; tokenKind?: 'user' | 'solution'; login?: string; passwordStdin?: boolean; tokenStdin?: boolean };

async function credentialsFrom(options: CredentialOptions) {
  if (options.login) {
    const password = await readPassword({ fromStdin: options.passwordStdin, message: `Password of ${options.login}` });
    return { kind: 'basic' as const, login: options.login, password };
  }
  const token = await readSecret({ fromStdin: options.tokenStdin, message: 'MoySklad token', flag: '--token-stdin' });
  return { kind: 'token' as const, token };
}

function addCredentialOptions(command: Command): Command {
  return command
    .option('--token-stdin', 'read the MoySklad token from standard input (otherwise it is asked for)')
    .option('--token-kind <kind>', "whose token: user (an employee's) or solution", 'user')
    .option('--login <login>', 'sign in with an employee login (user@account) and password instead of a token')
    .option('--password-stdin', 'read the password from standard input');
}

export function registerIntegrationCommands(program: Command) {
  const integrations = program.command('integrations').description('connected sources such as a MoySklad account');

  integrations
    .command('list')
    .description('list connected sources with how fresh their data is')
    .action(
      action(async ({ options, out }) => {
        const { client } = await signedIn(options);
        const result = await client.admin.integrations.list.query({});
        out.result(result, () =>
          out.table(
            ['Name', 'Type', 'Status', 'Webhooks', 'Last full sync', 'Last incremental', 'Behind by', 'Id'],
            result.items.map((i) => [
              i.name,
              i.type,
              status(out, i),
              i.health.webhooks.status,
              when(i.health.lastFullSyncAt),
              when(i.health.lastIncrementalSyncAt),
              lag(i.health.lagSeconds),
              i.id,
            ]),
          ),
        );
      }),
    );

  integrations
    .command('show')
    .argument('[integration]', 'name or id (default: the only one)')
    .description('one source in detail: its status and what was synced, entity by entity')
    .action(
      action<object, [string | undefined]>(async ({ options, out }, ref) => {
        const { client } = await signedIn(options);
        const { id } = await findIntegration(client, ref);
        const integration = await client.admin.integrations.get.query({ id });
        out.result(integration, () => {
          const { health } = integration;
          const because = (message: string | null) => (message ? ` — ${message}` : '');
          out.details([
            ['Integration', `${integration.name} (${integration.id})`],
            ['Status', status(out, integration) + because(integration.statusMessage)],
            ['Webhooks', health.webhooks.status + because(health.webhooks.message)],
            ['Behind by', lag(health.lagSeconds)],
          ]);
          if (integration.entities.length === 0) return out.line('Nothing synced yet.');
          out.table(
            ['Entity', 'Rows', 'Deleted', 'Last full sync', 'Last incremental', 'Changes up to'],
            integration.entities.map((e) => [
              e.entity,
              String(e.rows),
              String(e.deleted),
              when(e.lastFullSyncAt),
              when(e.lastIncrementalSyncAt),
              when(e.watermark),
            ]),
          );
        });
      }),
    );

  addCredentialOptions(
    integrations
      .command('add')
      .description('connect a MoySklad account; its first full sync starts at once')
      .requiredOption('--name <name>', 'what to call it, e.g. "Основной склад"')
      .option('--base-url <url>', 'JSON API 1.2 address (default: MoySklad itself)')
      .option('--interval <minutes>', 'minutes between incremental syncs', positiveInteger)
      .option('--no-webhooks', 'do not register webhooks; poll only'),
  )
    .addHelpText('after', '\nConnect a dedicated employee: webhooks need administrator rights, cost figures the right to see cost.\n')
    .action(
      action<CredentialOptions & { name: string; baseUrl?: string; interval?: number; webhooks: boolean }>(async ({ options, out }) => {
        const { client } = await signedIn(options);
        const credentials = await credentialsFrom(options);
        const settings = {
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
          ...(options.interval ? { syncIntervalMinutes: options.interval } : {}),
          tokenKind: options.tokenKind,
          webhooks: options.webhooks,
        };
        const report = await client.admin.integrations.test.mutate({ type: 'moysklad', settings: settings as never, credentials });
        if (!report.ok) {
          printReport(out, report);
          throw new CliError('not connected: fix the problems above and try again');
        }
        const integration = await client.admin.integrations.create.mutate({ type: 'moysklad', name: options.name, settings: settings as never, credentials });
        out.result(integration, () => {
          printReport(out, report);
          out.line(`Connected "${integration.name}"; the first full sync has started. Follow it with: crm sync status "${integration.name}"`);
        });
        // A real account ends the demo; its data stays until the admin removes it.
        const { items } = await client.admin.integrations.list.query({});
        const demo = items.find((i) => i.origin === 'demo');
        if (demo)
          out.note(`The demo has ended. Delete its data with: crm integrations remove "${demo.name}" --purge`);
      }),
    );

  integrations
    .command('test')
    .argument('[integration]', 'name or id of a connected source (default: the only one)')
    .description("check a source's credentials and rights")
    .action(
      action<object, [string | undefined]>(async ({ options, out }, ref) => {
        const { client } = await signedIn(options);
        const integration = await findIntegration(client, ref);
        const report = await client.admin.integrations.test.mutate({ id: integration.id });
        out.result(report, () => printReport(out, report));
        if (!report.ok) process.exitCode = 1;
      }),
    );

  integrations
    .command('remove')
    .argument('<integration>', 'name or id')
    .description('disconnect a source; asks whether to delete the data synced from it')
    .option('--purge', 'also delete its synced data')
    .option('--keep-data', 'keep its synced data')
    .action(
      action<{ purge?: boolean; keepData?: boolean }, [string]>(async ({ options, out }, ref) => {
        const { client } = await signedIn(options);
        const integration = await findIntegration(client, ref);
        const purge = options.purge ?? (options.keepData ? false : await confirmAtTerminal(`Also delete the data synced from "${integration.name}"?`, false));
        await client.admin.integrations.delete.mutate({ id: integration.id, purge });
        out.result({ success: true, purged: purge }, () =>
          out.line(`Removed "${integration.name}"${purge ? ' and its data' : '; its data stays'}.`),
        );
      }),
    );
}
