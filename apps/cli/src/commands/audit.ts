import type { AuditEntry } from '@crm/contracts';
import type { Command } from 'commander';
import { action } from '../action';
import { date, positiveInteger } from '../arguments';
import { signedIn } from '../connection';
import { pageFooter } from '../output';

const dateTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium' });

function details(entry: AuditEntry): string {
  return Object.entries(entry.details)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n');
}

type AuditOptions = {
  action?: string;
  actor?: string;
  targetType?: string;
  target?: string;
  since?: Date;
  until?: Date;
  limit?: number;
  cursor?: string;
};

export function registerAuditCommand(program: Command) {
  program
    .command('audit')
    .description('read the audit log, newest first')
    .option('--action <action>', 'an action, or a prefix ending in "." such as "users."')
    .option('--actor <id>', 'only what this user or API key did (its id)')
    .option('--target-type <type>', 'only actions on this kind of thing, e.g. user or role')
    .option('--target <id>', 'only actions on this thing (its id)')
    .option('--since <date>', 'from this time', date)
    .option('--until <date>', 'up to this time', date)
    .option('--limit <n>', 'how many (at most 500)', positiveInteger)
    .option('--cursor <cursor>', 'the next page, as the previous page printed')
    .action(
      action<AuditOptions>(async ({ options, out }) => {
        const { client } = await signedIn(options);
        const page = await client.admin.audit.list.query({
          action: options.action,
          actorId: options.actor,
          targetType: options.targetType,
          targetId: options.target,
          from: options.since,
          to: options.until,
          limit: options.limit,
          cursor: options.cursor,
        });
        out.result(page, () => {
          out.table(
            ['Time', 'Who', 'Action', 'Target', 'Details'],
            page.items.map((e) => [
              dateTime.format(e.createdAt),
              e.actor.label,
              e.action,
              // The start of an id is enough to tell rows apart; --json has it whole.
              e.target ? `${e.target.type} ${e.target.id?.slice(0, 8) ?? ''}`.trim() : '—',
              details(e),
            ]),
          );
          pageFooter(out, page, 'entries');
        });
      }),
    );
}
