import type { IntegrationType } from '@crm/contracts';
import type { AnyIntegrationPlugin } from './plugin';

/** The plugins this server knows, by source type. */
export class PluginRegistry {
  private readonly plugins = new Map<string, AnyIntegrationPlugin>();

  constructor(plugins: AnyIntegrationPlugin[]) {
    for (const plugin of plugins) {
      if (this.plugins.has(plugin.type)) throw new Error(`two plugins for ${plugin.type}`);
      this.plugins.set(plugin.type, plugin);
    }
  }

  get(type: IntegrationType | string): AnyIntegrationPlugin {
    const plugin = this.plugins.get(type);
    if (!plugin) throw new Error(`no plugin for integration type ${type}`);
    return plugin;
  }

  types(): string[] {
    return [...this.plugins.keys()];
  }
}
