import { APP_NAME, APP_VERSION } from '@crm/config';
import type { SystemInfo } from '@crm/contracts';
import { migrationStatus } from '@crm/db';
import type { CoreDeps } from '../deps';

export async function getSystemInfo(deps: CoreDeps, options: { detailed: boolean }): Promise<SystemInfo> {
  const demo = (await deps.db.prisma.integration.count({ where: { origin: 'demo', status: { not: 'disabled' } } })) > 0;
  const info: SystemInfo = {
    name: APP_NAME,
    version: APP_VERSION,
    environment: deps.config.env,
    database: { kind: deps.db.kind },
    demo,
  };
  if (!options.detailed) return info;
  const client = await deps.db.pool.connect();
  try {
    const { applied } = await migrationStatus(client);
    return {
      ...info,
      details: {
        startedAt: deps.runtime.startedAt,
        uptimeSeconds: Math.floor((Date.now() - deps.runtime.startedAt.getTime()) / 1000),
        migrationsApplied: applied.length,
        roles: deps.runtime.roles,
      },
    };
  } finally {
    client.release();
  }
}
