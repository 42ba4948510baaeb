import type { IdTag } from '../model/types';
import type { EmulatorStore } from '../store/store';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
export type JsonObject = { [key: string]: Json | undefined };

/** What every serializer needs to know about the request it answers. */
export interface RenderContext {
  /** Absolute API root, e.g. `https://api.moysklad.ru/api/remap/1.2`. */
  api: string;
  store: EmulatorStore;
  /** The one hidden field the request asked for with `fields=`. */
  fields: string | null;
  /** Rows of a list are rendered for a page, not for a single GET. */
  inList: boolean;
  /** Whether the caller may see cost prices (the `viewProductCostAndProfit` permission). */
  canSeeCost: boolean;
}

export const MEDIA_TYPE = 'application/json';

/** UI pages for `uuidHref`, where the web interface has one. */
const UI_PAGES: Partial<Record<string, string>> = {
  product: 'good',
  productfolder: 'good',
  service: 'service',
  bundle: 'bundle',
  variant: 'feature',
  counterparty: 'company',
  organization: 'mycompany',
  employee: 'employee',
  store: 'warehouse',
  currency: 'currency',
  project: 'project',
  saleschannel: 'saleschannel',
  uom: 'uom',
  retailstore: 'retailstore',
  retailshift: 'retailshift',
};

const UI_ROOT = 'https://online.moysklad.ru/app/#';

export function idOf(ctx: RenderContext, table: IdTag, index: number): string {
  return ctx.store.ids.encode(table, index);
}

/** `meta` of an ordinary entity under `/entity/<type>/<id>`. */
function entityMeta(ctx: RenderContext, type: string, id: string): JsonObject {
  const meta: JsonObject = {
    href: `${ctx.api}/entity/${type}/${id}`,
    metadataHref: `${ctx.api}/entity/${type}/metadata`,
    type,
    mediaType: MEDIA_TYPE,
  };
  const page = UI_PAGES[type] ?? (isDocumentPage(type) ? type : undefined);
  if (page) meta.uuidHref = `${UI_ROOT}${page}/edit?id=${id}`;
  return meta;
}

function isDocumentPage(type: string): boolean {
  return [
    'customerorder',
    'demand',
    'invoiceout',
    'salesreturn',
    'retaildemand',
    'retailsalesreturn',
    'supply',
    'purchaseorder',
    'purchasereturn',
  ].includes(type);
}

/** A reference field: `{ meta }` of the row the field points at. */
export function ref(ctx: RenderContext, table: IdTag, index: number): JsonObject {
  return { meta: metaOf(ctx, table, index) };
}

/** `meta` of any row, by table: handles the entities that do not live under `/entity/<type>`. */
export function metaOf(ctx: RenderContext, table: IdTag, index: number): JsonObject {
  const id = idOf(ctx, table, index);
  switch (table) {
    case 'pricetype':
      return {
        href: `${ctx.api}/context/companysettings/pricetype/${id}`,
        type: 'pricetype',
        mediaType: MEDIA_TYPE,
      };
    case 'state': {
      const owner = ctx.store.states[index]!.entityType;
      return {
        href: `${ctx.api}/entity/${owner}/metadata/states/${id}`,
        metadataHref: `${ctx.api}/entity/${owner}/metadata`,
        type: 'state',
        mediaType: MEDIA_TYPE,
      };
    }
    case 'group':
      return {
        href: `${ctx.api}/entity/group/${id}`,
        metadataHref: `${ctx.api}/entity/group/metadata`,
        type: 'group',
        mediaType: MEDIA_TYPE,
      };
    default:
      return entityMeta(ctx, table, id);
  }
}

/** A nested collection (positions, images, accounts...) not expanded: its meta and size only. */
export function metaArray(
  href: string,
  type: string,
  size: number,
  limit = 1000,
  metadataHref?: string,
): JsonObject {
  const meta: JsonObject = { href };
  if (metadataHref) meta.metadataHref = metadataHref;
  Object.assign(meta, { type, mediaType: MEDIA_TYPE, size, limit, offset: 0 });
  return { meta };
}

/** The `context` block every list response starts with. */
export function listContext(ctx: RenderContext): JsonObject {
  return {
    employee: {
      meta: {
        href: `${ctx.api}/context/employee`,
        metadataHref: `${ctx.api}/entity/employee/metadata`,
        type: 'employee',
        mediaType: MEDIA_TYPE,
      },
    },
  };
}
