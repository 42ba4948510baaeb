import type { Config } from '@crm/config';
import {
  abandonFullPasses,
  abandonSyncs,
  createIntegration,
  rewindVersions,
  startSync,
  SYSTEM_ACTOR,
  updateIntegration,
  type CoreDeps,
} from '@crm/core';
import type { Logger } from 'pino';
import { startDemoEmulator, type DemoEmulator } from './demo-emulator';

export const DEMO_NAME = 'Демо-магазин';
/** Business actions a minute: enough to see webhooks and incremental syncs, little load. */
const ACTIVITY_PER_MINUTE = 6;

export const DEMO_NOTICE =
  'This server shows DEMO data from a built-in MoySklad emulator, not a real account. ' +
  'To connect your MoySklad: crm integrations add --name "<name>" --token-stdin ' +
  '(or POST /api/v1/admin/integrations, or set MOYSKLAD_TOKEN and restart); ' +
  'the demo then ends and its data can be purged.';

export type Demo = {
  /** False once a real account has ended the demo. */
  running(): boolean;
  stop(): Promise<void>;
};

/** The demo runs where a newcomer starts the server: not in production, no account connected. */
async function demoWanted(config: Config, deps: CoreDeps): Promise<boolean> {
  if (!config.demo || config.moysklad.credentials) return false;
  return !(await connected(deps)).some((r) => r.origin !== 'demo');
}

/** Integrations not removed (a removed one is kept, hidden, with its data). */
async function connected(deps: CoreDeps) {
  const rows = await deps.db.prisma.integration.findMany({
    select: { id: true, origin: true, state: true },
  });
  return rows.filter((r) => (r.state as { removedAt?: string }).removedAt === undefined);
}

/**
 * Points the demo integration at this run's emulator (a new port each start) and starts its full
 * sync. An integration left by an earlier run is taken over: what that run's activity created,
 * changed or deleted is gone from the regenerated emulator, so its syncs must not resume, and the
 * versions it stored after the generated history ends must not keep the regenerated rows out.
 */
async function syncDemo(deps: CoreDeps, emulator: DemoEmulator): Promise<string> {
  const connection = {
    settings: {
      baseUrl: `${emulator.url}/api/remap/1.2`,
      tokenKind: 'solution',
      syncIntervalMinutes: 1,
      webhooks: true,
    },
    credentials: { kind: 'token', token: emulator.token },
  };
  const existing = (await connected(deps)).find((r) => r.origin === 'demo');
  let integrationId: string;
  if (existing) {
    integrationId = existing.id;
    await updateIntegration(deps, SYSTEM_ACTOR, {
      id: integrationId,
      enabled: true,
      ...connection,
    });
    await abandonSyncs(deps, integrationId);
    await abandonFullPasses(deps.db, integrationId);
    await rewindVersions(deps.db, integrationId, new Date(emulator.historyEnd));
  } else {
    const created = await createIntegration(deps, SYSTEM_ACTOR, {
      type: 'moysklad',
      name: DEMO_NAME,
      origin: 'demo',
      ...connection,
    });
    integrationId = created.id;
  }
  await startSync(deps, SYSTEM_ACTOR, { integrationId, kind: 'full', triggeredBy: 'system:demo' });
  return integrationId;
}

/**
 * Starts a local MoySklad with the demo dataset, points the demo integration at it and runs a
 * full sync, then keeps a gentle stream of business activity going so webhooks and incremental
 * syncs show. Call it before the sync worker starts: the emulator is generated afresh at every
 * start, so nothing of an earlier run's syncs may resume against it.
 */
export async function startDemo(config: Config, deps: CoreDeps, log: Logger): Promise<Demo | null> {
  if (!(await demoWanted(config, deps))) return null;
  const emulator = await startDemoEmulator(config.demoDataset, (error) =>
    log.error({ err: error }, 'the demo emulator failed'),
  );
  const integrationId = await syncDemo(deps, emulator).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  });
  emulator.startActivity(ACTIVITY_PER_MINUTE);
  log.info(
    { integrationId, emulator: emulator.url, dataset: config.demoDataset },
    'demo: a local MoySklad emulator with a generated shop; its first full sync has started (crm sync status)',
  );

  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    unsubscribe();
    await emulator.close();
  };
  const unsubscribe = deps.events.subscribe((event) => {
    if (event.type !== 'demo-ended' || !running) return;
    log.info('a real account was connected: the demo stops; its data stays until purged');
    void abandonSyncs(deps, integrationId)
      .catch((error: unknown) => log.warn({ err: error }, 'could not cancel the demo syncs'))
      .then(stop);
  });
  return { running: () => running, stop };
}
