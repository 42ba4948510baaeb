import { procedures } from '@crm/contracts';
import {
  createIntegration,
  deleteIntegration,
  findIntegration,
  getIntegration,
  getIntegrationDetails,
  listIntegrations,
  readCredentials,
  startSync,
  updateIntegration,
} from '@crm/core';
import { applyWebhookRegistration } from '@crm/integrations';
import { actorOf } from '../context';
import { procedureFor } from '../procedure';
import { router } from '../trpc';

const c = procedures.admin.integrations;

export const integrationsRouter = router({
  list: procedureFor(c.list).query(async ({ ctx }) => ({ items: await listIntegrations(ctx.deps) })),
  get: procedureFor(c.get).query(({ ctx, input }) => getIntegrationDetails(ctx.deps, input.id)),
  create: procedureFor(c.create).mutation(async ({ ctx, input }) => {
    const actor = actorOf(ctx);
    const integration = await createIntegration(ctx.deps, actor, input);
    await startSync(ctx.deps, actor, { integrationId: integration.id, kind: 'full' });
    return getIntegration(ctx.deps, integration.id);
  }),
  update: procedureFor(c.update).mutation(({ ctx, input }) => updateIntegration(ctx.deps, actorOf(ctx), input)),
  delete: procedureFor(c.delete).mutation(async ({ ctx, input }) => {
    // Remove the webhooks first, while the credentials are still there; a source that cannot be
    // reached must not keep the integration from going.
    await applyWebhookRegistration(ctx.deps, ctx.plugins, input.id, 'unregister').catch((error: unknown) =>
      ctx.log.warn({ err: error }, 'could not remove the webhooks of a deleted integration'),
    );
    await deleteIntegration(ctx.deps, actorOf(ctx), input.id, input.purge);
    return { success: true as const };
  }),
  test: procedureFor(c.test).mutation(async ({ ctx, input }) => {
    if (input.id) {
      const row = await findIntegration(ctx.deps, input.id);
      const plugin = ctx.plugins.get(row.type);
      return plugin.testConnection({
        settings: plugin.settingsSchema.parse(row.settings),
        credentials: plugin.credentialsSchema.parse(readCredentials(ctx.deps, row)),
        deps: ctx.deps,
      });
    }
    const plugin = ctx.plugins.get(input.type!);
    return plugin.testConnection({ settings: plugin.settingsSchema.parse(input.settings ?? {}), credentials: input.credentials, deps: ctx.deps });
  }),
});
