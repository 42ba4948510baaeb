import type { Config } from '@crm/config';
import { createIntegration, startSync, SYSTEM_ACTOR, updateIntegration, type CoreDeps } from '@crm/core';
import { createEmulator, type Emulator, type RunningServer } from '@crm/moysklad-emulator';
import type { Logger } from 'pino';

export const DEMO_NAME = 'Демо-магазин';
/** Business actions a minute: enough to see webhooks and incremental syncs, little load. */
const ACTIVITY_PER_MINUTE = 6;

export const DEMO_NOTICE =
  'This server shows DEMO data from a built-in MoySklad emulator. To connect your account: crm integrations add ' +
  '(or set MOYSKLAD_TOKEN and restart); the demo then ends and its data can be purged.';

export type Demo = { integrationId: string; stop(): Promise<void> };

/** The demo runs where a newcomer starts the server: not in production, no account connected. */
async function demoWanted(config: Config, deps: CoreDeps): Promise<boolean> {
  if (!config.demo || config.moysklad.credentials) return false;
  const real = await deps.db.prisma.integration.findMany({ where: { origin: { not: 'demo' } }, select: { state: true } });
  return !real.some((r) => (r.state as { removedAt?: string }).removedAt === undefined);
}

/**
 * Starts a local MoySklad with the `demo` dataset, points the demo integration at it and runs a
 * full sync (which also removes rows a previous run's activity created and this one lacks), then
 * keeps a gentle stream of business activity going so webhooks and incremental syncs show.
 */
export async function startDemo(config: Config, deps: CoreDeps, log: Logger): Promise<Demo | null> {
  if (!(await demoWanted(config, deps))) return null;
  const emulator: Emulator = createEmulator({ dataset: 'demo', seed: 1, clock: 'system' });
  const server: RunningServer = await emulator.listen(0);
  const token = emulator.credentials.tokens.find((t) => t.kind === 'solution')!.token;
  const settings = { baseUrl: `${server.url}/api/remap/1.2`, tokenKind: 'solution', syncIntervalMinutes: 1, webhooks: true };
  const credentials = { kind: 'token', token };

  // The emulator listens on a new port each start: the integration follows it.
  const existing = await deps.db.prisma.integration.findFirst({ where: { origin: 'demo' } });
  const integrationId = existing
    ? (await updateIntegration(deps, SYSTEM_ACTOR, { id: existing.id, settings, credentials, enabled: true })).id
    : (await createIntegration(deps, SYSTEM_ACTOR, { type: 'moysklad', name: DEMO_NAME, settings, credentials, origin: 'demo' })).id;
  await startSync(deps, SYSTEM_ACTOR, { integrationId, kind: 'full', triggeredBy: 'system:demo' });
  emulator.activity.start(ACTIVITY_PER_MINUTE);
  log.warn({ integrationId, emulator: server.url }, DEMO_NOTICE);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    await emulator.close();
  };
  const unsubscribe = deps.events.subscribe((event) => {
    if (event.type !== 'demo-ended') return;
    log.info('a real account was connected: the demo stops');
    void stop();
  });
  return { integrationId, stop };
}
