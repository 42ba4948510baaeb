import type { SyncJob } from '@crm/contracts';
import type { Command } from 'commander';
import { action } from '../action';
import { isUuid, list } from '../arguments';
import { signedIn } from '../connection';
import { CliError } from '../failure';
import { pageFooter, when, type Output } from '../output';
import { findIntegration } from './integrations';
import { follow } from './sync-progress';

function summary(out: Output, job: SyncJob) {
  const colour = job.status === 'succeeded' ? out.color.green : job.status === 'failed' ? out.color.red : out.color.yellow;
  out.details([
    ['Sync', `${job.kind} of "${job.integrationName}" (${job.id})`],
    ['Status', colour(job.status) + (job.error ? ` — ${job.error}` : '')],
    ['Started', `${when(job.startedAt)} by ${job.triggeredBy}`],
    ['Finished', when(job.finishedAt)],
    ['MoySklad requests', String(job.requestsMade)],
    ['Rows per second', job.rowsPerSecond === null ? '—' : String(job.rowsPerSecond)],
  ]);
}

function progressTable(out: Output, job: SyncJob) {
  out.table(
    ['Entity', 'Status', 'Fetched', 'Created', 'Updated', 'Unchanged', 'Deleted', 'Failed'],
    job.progress.map((p) => [
      p.entity,
      p.status,
      `${p.fetched}${p.total !== null ? `/${p.total}` : ''}`,
      String(p.created),
      String(p.updated),
      String(p.unchanged),
      String(p.deleted),
      p.failed ? out.color.red(String(p.failed)) : '0',
    ]),
  );
}

function jobId(ref: string): string {
  if (!isUuid(ref)) throw new CliError(`"${ref}" is not a sync job id; see crm sync status`);
  return ref;
}

export function registerSyncCommands(program: Command) {
  const sync = program.command('sync').description('synchronisation with connected sources');

  sync
    .command('start')
    .argument('[integration]', 'name or id (default: the only one)')
    .description('start a sync: incremental (changes since the last one) unless --full or --reconcile')
    .option('--full', 'everything, then remove what the source no longer has')
    .option('--reconcile', 'ids only: remove what the source no longer has')
    .option('--entities <list>', 'only these entities, e.g. product,demand', list)
    .option('--wait', 'follow it until it ends, with progress per entity')
    .action(
      action<{ full?: boolean; reconcile?: boolean; entities?: string[]; wait?: boolean }, [string | undefined]>(async ({ options, out }, ref) => {
        if (options.full && options.reconcile) throw new CliError('choose --full or --reconcile, not both');
        const { client } = await signedIn(options);
        const integration = await findIntegration(client, ref);
        const kind = options.full ? 'full' : options.reconcile ? 'reconcile' : 'incremental';
        const started = await client.admin.sync.start.mutate({ integrationId: integration.id, kind, entities: options.entities });
        if (started.kind !== kind) out.note(`a ${started.kind} sync of "${integration.name}" is already ${started.status}; following that one`);
        if (!options.wait) {
          out.result(started, () => out.line(`Sync ${started.id} ${started.status}. Follow it with: crm sync status --job ${started.id}`));
          return;
        }
        const job = await follow(out, () => client.admin.sync.job.query({ id: started.id }));
        out.result(job, () => {
          summary(out, job);
          progressTable(out, job);
        });
        if (job.status !== 'succeeded') process.exitCode = 1;
      }),
    );

  sync
    .command('status')
    .argument('[integration]', 'name or id (default: all)')
    .description('recent syncs, or one with --job')
    .option('--job <id>', 'one sync with its progress per entity')
    .option('--limit <n>', 'how many syncs', (v) => Number(v), 10)
    .action(
      action<{ job?: string; limit: number }, [string | undefined]>(async ({ options, out }, ref) => {
        const { client } = await signedIn(options);
        if (options.job) {
          const job = await client.admin.sync.job.query({ id: jobId(options.job) });
          out.result(job, () => {
            summary(out, job);
            progressTable(out, job);
          });
          return;
        }
        const integrationId = ref ? (await findIntegration(client, ref)).id : undefined;
        const page = await client.admin.sync.jobs.query({ integrationId, limit: options.limit });
        out.result(page, () => {
          out.table(
            ['Started', 'Integration', 'Kind', 'Status', 'Fetched', 'Requests', 'Rows/s', 'Id'],
            page.items.map((j) => [
              when(j.startedAt ?? j.createdAt),
              j.integrationName,
              j.kind,
              j.status,
              String(j.progress.reduce((sum, p) => sum + p.fetched, 0)),
              String(j.requestsMade),
              j.rowsPerSecond === null ? '—' : String(j.rowsPerSecond),
              j.id,
            ]),
          );
          pageFooter(out, page, 'syncs');
        });
      }),
    );

  sync
    .command('logs')
    .argument('<job>', 'sync job id')
    .description("a sync's warnings and errors, with the source ids they concern")
    .action(
      action<object, [string]>(async ({ options, out }, ref) => {
        const { client } = await signedIn(options);
        const log = await client.admin.sync.log.query({ id: jobId(ref) });
        out.result(log, () => {
          if (log.items.length === 0) out.line('Nothing to report.');
          for (const e of log.items) {
            const level = e.level === 'error' ? out.color.red(e.level) : e.level === 'warning' ? out.color.yellow(e.level) : e.level;
            out.line(`${when(e.at)} ${level} ${e.entity ?? ''}${e.externalId ? ` ${e.externalId}` : ''}: ${e.message}`);
          }
        });
      }),
    );

  sync
    .command('cancel')
    .argument('<job>', 'sync job id')
    .description('cancel a queued sync, or stop a running one at its next page')
    .action(
      action<object, [string]>(async ({ options, out }, ref) => {
        const { client } = await signedIn(options);
        const job = await client.admin.sync.cancel.mutate({ id: jobId(ref) });
        out.result(job, () =>
          out.line(job.status === 'cancelled' ? `Cancelled ${job.id}.` : `Asked ${job.id} to stop; it stops at its next page.`),
        );
      }),
    );
}
