import {
  moyskladCredentialsSchema,
  moyskladSettingsSchema,
  type MoyskladCredentials,
  type MoyskladSettings,
} from '@crm/contracts';
import type { IntegrationPlugin } from '../../plugin';
import { openClient, type MoyskladPluginOptions } from './client';
import { testConnection } from './connection';
import { ENTITIES, type MoyskladEntity } from './entities';
import { syncSession } from './sync/session';
import { moyskladWebhooks } from './webhooks';

export type { MoyskladPluginOptions } from './client';

const isDocument = (entity: MoyskladEntity) =>
  entity.source === 'listed' && entity.document !== null;
const definition = (entity: MoyskladEntity) => ({ name: entity.name, dependsOn: entity.dependsOn });

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
      ...ENTITIES.filter((e) => !isDocument(e)).map(definition),
      // Stock before the documents: what a shop holds now is there in seconds, while its history
      // can take many minutes. On a first sync its change feed then starts from the newest
      // catalogue change rather than the newest document's: earlier, so it reads more, never less.
      { name: 'stock', dependsOn: ['store', 'product', 'variant'] },
      ...ENTITIES.filter(isDocument).map(definition),
    ],
    testConnection: (input) => testConnection(input, options),
    async openSession(access) {
      const client = await openClient(access, options);
      return syncSession(access.deps, access.integrationId, client, concurrency);
    },
    webhooks: moyskladWebhooks(options),
  };
}
