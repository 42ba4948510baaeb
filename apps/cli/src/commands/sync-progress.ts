import type { SyncJob } from '@crm/contracts';
import cliProgress from 'cli-progress';
import type { Output } from '../output';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
export const isFinished = (job: SyncJob) => FINISHED.has(job.status);

const counts = (p: SyncJob['progress'][number]) =>
  `+${p.created} ~${p.updated} =${p.unchanged} -${p.deleted}${p.failed ? ` !${p.failed}` : ''}`;

/**
 * Follows a job until it ends: one bar per entity on a terminal, a line per finished entity
 * elsewhere (logs, pipes), nothing with --json (the final job is the result).
 */
export async function follow(out: Output, fetchJob: () => Promise<SyncJob>, intervalMs = 1000): Promise<SyncJob> {
  let job = await fetchJob();
  const tty = Boolean(process.stderr.isTTY) && !out.json;
  const bars = tty
    ? new cliProgress.MultiBar(
        {
          format: '{entity} {bar} {value}/{total} {status} {counts}',
          barsize: 24,
          hideCursor: true,
          clearOnComplete: false,
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const entityWidth = Math.max(...job.progress.map((p) => p.entity.length), 8);
  const shown = new Map<string, cliProgress.SingleBar>();
  const reported = new Set<string>();

  for (;;) {
    for (const p of job.progress) {
      const payload = { entity: p.entity.padEnd(entityWidth), status: p.status, counts: counts(p) };
      const total = p.total ?? Math.max(p.fetched, 1);
      if (bars) {
        const bar = shown.get(p.entity) ?? bars.create(total, 0, payload);
        shown.set(p.entity, bar);
        bar.setTotal(Math.max(total, p.fetched));
        bar.update(p.fetched, payload);
      } else if (!out.json && (p.status === 'done' || p.status === 'skipped' || p.status === 'failed') && !reported.has(p.entity)) {
        reported.add(p.entity);
        out.note(`${p.entity}: ${p.status}, ${p.fetched} fetched (${counts(p)})${p.message ? ` — ${p.message}` : ''}`);
      }
    }
    if (isFinished(job)) break;
    await new Promise((r) => setTimeout(r, intervalMs));
    job = await fetchJob();
  }
  bars?.stop();
  return job;
}
