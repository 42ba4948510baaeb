import type { AnyEntityDef } from './entity';
import { bundle, product, productFolder, service, variant } from './entities/catalogue';
import { counterparty } from './entities/counterparty';
import {
  currency,
  employee,
  group,
  organization,
  priceType,
  project,
  retailShift,
  retailStore,
  salesChannel,
  state,
  store,
  uom,
} from './entities/dictionaries';
import { documentDefs } from './entities/documents';
import { webhook, webhookStock } from './entities/webhooks';
import type { IdTag } from './types';

/** Every entity type the emulator serves, reachable by URL path, by `meta.type` and by id tag. */
export const ENTITIES: readonly AnyEntityDef[] = [
  organization,
  employee,
  group,
  currency,
  priceType,
  uom,
  store,
  productFolder,
  product,
  variant,
  service,
  bundle,
  counterparty,
  salesChannel,
  project,
  state,
  retailStore,
  retailShift,
  ...Object.values(documentDefs),
  webhook,
  webhookStock,
];

// States are reached through `/entity/<document>/metadata`, not a list of their own.
const byPath = new Map(ENTITIES.filter((d) => d.type !== 'state').map((d) => [d.path, d]));
const byTable = new Map<IdTag, AnyEntityDef>(ENTITIES.map((d) => [d.table, d]));

export function entityByPath(path: string): AnyEntityDef | undefined {
  return byPath.get(path);
}

export function entityByTable(table: IdTag): AnyEntityDef | undefined {
  return byTable.get(table);
}
