import {
  moyskladCredentialsSchema,
  moyskladSettingsSchema,
  type MoyskladCredentials,
  type MoyskladSettings,
} from '@crm/contracts';
import type { IntegrationPlugin } from '../../plugin';
import { openClient, type MoyskladPluginOptions } from './client';
import { testConnection } from './connection';
import { ENTITIES } from './entities';
import { syncSession } from './sync/session';
import { moyskladWebhooks } from './webhooks';

export type { MoyskladPluginOptions } from './client';

/** Pages of one listing in flight: prefetching hides latency; the rate budget sets the pace. */
const PAGE_CONCURRENCY = 3;

/** MoySklad (JSON API 1.2): the catalogue, stock, counterparties and trade documents of an account. */
export function moyskladPlugin(
  options: MoyskladPluginOptions = {},
): IntegrationPlugin<MoyskladSettings, MoyskladCredentials> {
  const concurrency = options.pageConcurrency ?? PAGE_CONCURRENCY;
  return {
    type: 'moysklad',
    displayName: 'МойСклад',
    settingsSchema: moyskladSettingsSchema,
    credentialsSchema: moyskladCredentialsSchema,
    entities: [
      ...ENTITIES.map((e) => ({ name: e.name, dependsOn: e.dependsOn })),
      { name: 'stock', dependsOn: ['store', 'product', 'variant'] },
    ],
    testConnection: (input) => testConnection(input, options),
    async openSession(access) {
      const { client } = await openClient(access, options);
      return syncSession(access.deps, access.integrationId, client, concurrency);
    },
    webhooks: moyskladWebhooks(options),
  };
}
