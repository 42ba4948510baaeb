import { findIntegration, readCredentials, type CoreDeps } from '@crm/core';
import type { AnyIntegrationPlugin, SourceAccess } from '../plugin';
import type { PluginRegistry } from '../registry';

/** An integration's plugin with its settings and credentials checked and decrypted. */
export async function sourceAccess(
  deps: CoreDeps,
  registry: PluginRegistry,
  integrationId: string,
): Promise<{
  plugin: AnyIntegrationPlugin;
  access: SourceAccess<unknown, unknown>;
  name: string;
  status: string;
}> {
  const row = await findIntegration(deps, integrationId);
  const plugin = registry.get(row.type);
  return {
    plugin,
    name: row.name,
    status: row.status,
    access: {
      integrationId: row.id,
      settings: plugin.settingsSchema.parse(row.settings),
      credentials: plugin.credentialsSchema.parse(readCredentials(deps, row)),
      deps,
      log: deps.log.child({ integrationId: row.id }),
    },
  };
}
