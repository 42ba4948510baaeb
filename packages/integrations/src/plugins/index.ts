import { PluginRegistry } from '../registry';
import { moyskladPlugin } from './moysklad';

/** Every source this server can connect to. */
export function createPluginRegistry(): PluginRegistry {
  return new PluginRegistry([moyskladPlugin()]);
}
