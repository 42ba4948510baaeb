import { PluginRegistry } from '../registry';

/** Every source this server can connect to. */
export function createPluginRegistry(): PluginRegistry {
  return new PluginRegistry([]);
}
