import {
  claimPendingDeliveries,
  issueWebhookUrl,
  markDeliveriesProcessed,
  QUEUES,
  saveWebhookState,
  type CoreDeps,
  type PgBoss,
} from '@crm/core';
import type { PluginRegistry } from '../registry';
import { sourceAccess } from './source-access';

const WEBHOOK_BATCH = 200;

/** Why a source cannot reach this server, if it cannot. */
function unreachableReason(deps: CoreDeps, sourceUrl: string): string | null {
  const local = (url: string) =>
    /^(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(new URL(url).hostname);
  if (local(deps.config.publicBaseUrl) && !local(sourceUrl)) {
    return `PUBLIC_BASE_URL is ${deps.config.publicBaseUrl}, which the source cannot reach; set it to this server's public address to receive webhooks`;
  }
  return null;
}

/** Registers or removes an integration's webhooks; a refusal leaves it on polling, said in its status. */
export async function applyWebhookRegistration(
  deps: CoreDeps,
  registry: PluginRegistry,
  integrationId: string,
  action: 'register' | 'unregister',
): Promise<void> {
  const { plugin, access, status } = await sourceAccess(deps, registry, integrationId);
  const support = plugin.webhooks;
  const current = await deps.db.prisma.integrationWebhook.findUnique({ where: { integrationId } });
  const registrations = (current?.registrations as unknown[] | undefined) ?? [];
  if (registrations.length && support) await support.unregister({ ...access, registrations });

  const settings = access.settings as { webhooks?: boolean; baseUrl?: string };
  if (action === 'unregister' || status === 'disabled' || !support || settings.webhooks === false) {
    const message = !support
      ? 'this source has no webhooks'
      : settings.webhooks === false
        ? 'turned off in the settings'
        : null;
    await saveWebhookState(deps, integrationId, { status: 'off', message, registrations: [] });
    return;
  }
  const unreachable = settings.baseUrl ? unreachableReason(deps, settings.baseUrl) : null;
  if (unreachable) {
    await saveWebhookState(deps, integrationId, {
      status: 'unavailable',
      message: unreachable,
      registrations: [],
    });
    return;
  }
  const url = await issueWebhookUrl(deps, integrationId, plugin.type);
  const result = await support.register({ ...access, url });
  await saveWebhookState(
    deps,
    integrationId,
    result.status === 'active'
      ? { status: 'active', message: null, registrations: result.registrations as never[] }
      : {
          status: 'unavailable',
          message: `${result.message}; changes arrive by polling instead`,
          registrations: [],
        },
  );
  access.log.info({ status: result.status }, 'webhook registration');
}

export async function registerWebhookWorkers(
  boss: PgBoss,
  deps: CoreDeps,
  registry: PluginRegistry,
): Promise<void> {
  // An integration's pending deliveries are applied together, a batch at a time: one set of source
  // requests for many events. The batch stays locked while it is applied; a crash releases it.
  await boss.work(
    QUEUES.webhook.name,
    { batchSize: 1, localConcurrency: 4, pollingIntervalSeconds: 1 },
    async ([job]) => {
      const { integrationId } = QUEUES.webhook.data.parse(job!.data);
      const { plugin, access } = await sourceAccess(deps, registry, integrationId);
      const support = plugin.webhooks;
      if (!support) return;
      for (;;) {
        const applied = await deps.db.prisma.$transaction(
          async (tx) => {
            const batch = await claimPendingDeliveries(tx, integrationId, WEBHOOK_BATCH);
            if (batch.length === 0) return 0;
            const result = await support.process({
              ...access,
              payloads: batch.map((d) => d.payload),
            });
            await markDeliveriesProcessed(
              tx,
              batch.map((d) => d.id),
            );
            access.log.debug({ deliveries: batch.length, ...result }, 'webhook deliveries applied');
            return batch.length;
          },
          { timeout: 10 * 60_000, maxWait: 60_000 },
        );
        if (applied < WEBHOOK_BATCH) return;
      }
    },
  );
  await boss.work(QUEUES.webhookRegistration.name, { batchSize: 1 }, async ([job]) => {
    const { integrationId, action } = QUEUES.webhookRegistration.data.parse(job!.data);
    await applyWebhookRegistration(deps, registry, integrationId, action);
  });
}
