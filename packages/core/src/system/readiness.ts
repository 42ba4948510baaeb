import { migrationStatus } from '@crm/db';
import type { CoreDeps } from '../deps';

export type ReadinessCheck = { ok: boolean; detail?: string };
export type Readiness = { ready: boolean; checks: Record<string, ReadinessCheck> };

/** Whether this instance can serve: database reachable, schema up to date, job queue running. */
export async function checkReadiness(
  deps: Pick<CoreDeps, 'db'>,
  queueRunning: () => boolean,
): Promise<Readiness> {
  const checks: Record<string, ReadinessCheck> = {};
  let client;
  try {
    client = await deps.db.pool.connect();
    await client.query('SELECT 1');
    checks.database = { ok: true };
    const { pending } = await migrationStatus(client);
    checks.migrations = pending.length === 0 ? { ok: true } : { ok: false, detail: `pending: ${pending.join(', ')}` };
  } catch (error) {
    checks.database = { ok: false, detail: (error as Error).message };
  } finally {
    client?.release();
  }
  checks.queue = queueRunning() ? { ok: true } : { ok: false, detail: 'job queue is not running' };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}
