import {
  barcodes,
  externalCode,
  head,
  money,
  ownership,
  salePrices,
  serialNumber,
  vatFields,
} from '../../serialize/common';
import { idOf, metaArray, ref, type JsonObject, type RenderContext } from '../../serialize/meta';
import type {
  BundleRow,
  FolderRow,
  GoodRow,
  ProductRow,
  ServiceRow,
  VariantRow,
} from '../../store/rows';
import type { EmulatorStore } from '../../store/store';
import { internalEan13 } from '../../dataset/checksums';
import { formatMsk } from '../../time/moscow';
import { defineEntity, OPS, type CollectionDef, type FieldSpec } from '../entity';
import { flag, numeric, reference, standardFields, text } from '../fields';
import { ASSORTMENT_KINDS, type AssortmentKind, type IdTag } from '../types';

/** Goods that are rows of their own (variants belong to a product). */
type StandaloneGood = 'product' | 'service' | 'bundle';

/** Path of a folder's parents joined by `/`, or of the folder itself when `inclusive`. */
export function folderPath(store: EmulatorStore, folder: number, inclusive: boolean): string {
  if (folder < 0) return '';
  const row = store.folders[folder]!;
  if (!inclusive) return row.pathName;
  return row.pathName ? `${row.pathName}/${row.name}` : row.name;
}

export function goodCode(kind: AssortmentKind, index: number): string {
  const offset = { product: 0, variant: 100_000_000, service: 200_000_000, bundle: 300_000_000 }[
    kind
  ];
  return kind === 'product' ? serialNumber(index) : String(offset + index + 1);
}

function imagesOf(ctx: RenderContext, table: IdTag, index: number): JsonObject {
  return metaArray(`${ctx.api}/entity/${table}/${idOf(ctx, table, index)}/images`, 'image', 0);
}

function filesOf(ctx: RenderContext, table: IdTag, index: number): JsonObject {
  return metaArray(`${ctx.api}/entity/${table}/${idOf(ctx, table, index)}/files`, 'files', 0);
}

/** Fields products, services and bundles have in common. */
function goodFields<R extends GoodRow>(kind: StandaloneGood): Record<string, FieldSpec<R>> {
  return {
    ...standardFields<R>(kind, { archived: true }),
    code: text((_r, i) => goodCode(kind, i)),
    description: text((r) => r.description),
    pathName: text((r, _i, s) => folderPath(s, r.folder, true)),
    barcode: {
      kind: 'strings',
      ops: OPS.like,
      get: (_r, i) => [internalEan13(ASSORTMENT_KINDS.indexOf(kind), i)],
    },
    productFolder: { ...reference<R>('productfolder', (r) => r.folder), hierarchical: true },
  };
}

/** The JSON every good shares; each kind adds its own fields around it. */
function goodBody(
  ctx: RenderContext,
  kind: StandaloneGood,
  row: GoodRow,
  index: number,
): JsonObject {
  return {
    ...head(ctx, kind, index),
    ...ownership(ctx, row),
    name: row.name,
    description: row.description,
    code: goodCode(kind, index),
    externalCode: externalCode(ctx, kind, index),
    archived: row.archived,
    pathName: folderPath(ctx.store, row.folder, true),
    productFolder: row.folder >= 0 ? ref(ctx, 'productfolder', row.folder) : undefined,
    ...vatFields(row.vat, row.vatEnabled, row.useParentVat),
    discountProhibited: false,
    uom: ref(ctx, 'uom', row.uom),
    minPrice: money(ctx, row.minPrice),
    salePrices: salePrices(ctx, row.prices),
    buyPrice: ctx.canSeeCost ? money(ctx, row.buyPrice) : undefined,
    barcodes: barcodes(kind, index),
    files: filesOf(ctx, kind, index),
  };
}

export const productFolder = defineEntity<FolderRow>({
  type: 'productfolder',
  table: 'productfolder',
  path: 'entity/productfolder',
  kind: 'dictionary',
  rows: (s) => s.folders,
  fields: {
    ...standardFields<FolderRow>('productfolder', { archived: true }),
    code: text((r) => r.code),
    description: text(() => undefined),
    pathName: text((r) => r.pathName),
  },
  sortable: ['id', 'updated', 'name', 'externalCode', 'archived', 'pathName'],
  search: (r) => [r.name, r.code],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'productfolder', index),
    ...ownership(ctx, row),
    name: row.name,
    code: row.code,
    externalCode: externalCode(ctx, 'productfolder', index),
    archived: row.archived,
    pathName: row.pathName,
    productFolder: row.parent >= 0 ? ref(ctx, 'productfolder', row.parent) : undefined,
    ...vatFields(row.vat, row.vatEnabled, row.useParentVat),
  }),
});

function attributesOf(ctx: RenderContext, row: ProductRow): JsonObject[] {
  const values: (string | number | boolean)[] = [row.country, row.warrantyMonths, row.isNew];
  return ctx.store.attributes.map((a, i) => ({
    meta: {
      href: `${ctx.api}/entity/product/metadata/attributes/${idOf(ctx, 'attributemetadata', i)}`,
      type: 'attributemetadata',
      mediaType: 'application/json',
    },
    id: idOf(ctx, 'attributemetadata', i),
    name: a.name,
    type: a.type,
    value: values[i]!,
  }));
}

export const product = defineEntity<ProductRow>({
  type: 'product',
  table: 'product',
  path: 'entity/product',
  kind: 'dictionary',
  rows: (s) => s.products,
  fields: {
    ...goodFields<ProductRow>('product'),
    article: text((r) => r.article),
    supplier: reference('counterparty', (r) => r.supplier, ['counterparty', 'organization']),
    weight: numeric((r) => r.weight),
    volume: numeric((r) => r.volume),
    minimumBalance: numeric((r) => r.minimumBalance),
    isSerialTrackable: flag(() => false),
    weighed: { kind: 'boolean', ops: [], get: (r) => r.weighed },
  },
  sortable: [
    'id',
    'updated',
    'name',
    'code',
    'externalCode',
    'archived',
    'pathName',
    'article',
    'isSerialTrackable',
    'weighed',
    'weight',
    'volume',
  ],
  search: (r, i) => [r.name, goodCode('product', i), r.article],
  hiddenFields: ['minimumStock'],
  attributes: (store) =>
    store.attributes.map((a, i) => ({
      index: i,
      spec: {
        kind: a.type === 'long' ? 'number' : a.type === 'boolean' ? 'boolean' : 'string',
        ops: a.type === 'long' ? OPS.range : a.type === 'boolean' ? OPS.eq : OPS.like,
        get: (r: ProductRow) => [r.country, r.warrantyMonths, r.isNew][i]!,
      },
    })),
  serialize: (row, index, ctx) => ({
    ...goodBody(ctx, 'product', row, index),
    supplier: row.supplier >= 0 ? ref(ctx, 'counterparty', row.supplier) : undefined,
    attributes: attributesOf(ctx, row),
    images: imagesOf(ctx, 'product', index),
    article: row.article,
    weight: row.weight,
    volume: row.volume,
    variantsCount: row.variantsCount,
    isSerialTrackable: false,
    trackingType: row.trackingType,
    paymentItemType: 'GOOD',
    weighed: row.weighed || undefined,
    minimumBalance: row.minimumBalance || undefined,
    minimumStock:
      ctx.fields === 'minimumStock'
        ? { type: 'ALL_WAREHOUSE_SUM', quantity: row.minimumBalance }
        : undefined,
  }),
});

function characteristicsOf(ctx: RenderContext, row: VariantRow): JsonObject[] {
  return row.characteristics.map(([c, value]) => ({
    meta: {
      href: `${ctx.api}/entity/variant/metadata/characteristics/${idOf(ctx, 'characteristic', c)}`,
      type: 'attributemetadata',
      mediaType: 'application/json',
    },
    id: idOf(ctx, 'characteristic', c),
    name: ctx.store.characteristics[c]!.name,
    value,
  }));
}

export const variant = defineEntity<VariantRow>({
  type: 'variant',
  table: 'variant',
  path: 'entity/variant',
  kind: 'dictionary',
  rows: (s) => s.variants,
  fields: {
    ...standardFields<VariantRow>('variant', { archived: true }),
    code: text((_r, i) => goodCode('variant', i)),
    article: text((r, _i, s) => s.products[r.product]!.article),
    barcode: { kind: 'strings', ops: OPS.like, get: (_r, i) => [internalEan13(1, i)] },
    productid: { kind: 'uuid', ops: OPS.eq, get: (r, _i, s) => s.ids.encode('product', r.product) },
    owner: reference('employee', (r, _i, s) => s.products[r.product]!.owner),
  },
  sortable: ['id', 'updated', 'name', 'code', 'externalCode', 'archived', 'article', 'description'],
  search: (r) => [r.name],
  hiddenFields: ['minimumStock'],
  serialize: (row, index, ctx) => ({
    ...head(ctx, 'variant', index),
    updated: formatMsk(row.updated),
    name: row.name,
    code: goodCode('variant', index),
    externalCode: externalCode(ctx, 'variant', index),
    archived: row.archived,
    characteristics: characteristicsOf(ctx, row),
    images: imagesOf(ctx, 'variant', index),
    salePrices: salePrices(ctx, row.prices),
    buyPrice: ctx.canSeeCost ? money(ctx, row.buyPrice) : undefined,
    barcodes: barcodes('variant', index),
    discountProhibited: false,
    product: ref(ctx, 'product', row.product),
    minimumStock:
      ctx.fields === 'minimumStock'
        ? {
            type: 'ALL_WAREHOUSE_SUM',
            inherited: true,
            quantity: ctx.store.products[row.product]!.minimumBalance,
          }
        : undefined,
  }),
});

export const service = defineEntity<ServiceRow>({
  type: 'service',
  table: 'service',
  path: 'entity/service',
  kind: 'dictionary',
  rows: (s) => s.services,
  fields: goodFields<ServiceRow>('service'),
  sortable: ['id', 'updated', 'name', 'code', 'externalCode', 'archived', 'pathName'],
  search: (r, i) => [r.name, goodCode('service', i)],
  serialize: (row, index, ctx) => ({
    ...goodBody(ctx, 'service', row, index),
    paymentItemType: 'SERVICE',
  }),
});

function componentRow(
  ctx: RenderContext,
  bundleIndex: number,
  row: BundleRow,
  k: number,
): JsonObject {
  const component = row.components[k]!;
  const id = idOf(ctx, 'component', row.firstComponent + k);
  return {
    meta: {
      href: `${ctx.api}/entity/bundle/${idOf(ctx, 'bundle', bundleIndex)}/components/${id}`,
      type: 'bundlecomponent',
      mediaType: 'application/json',
    },
    id,
    accountId: ctx.store.accountId,
    assortment: ref(ctx, component.kind, component.index),
    quantity: component.quantity,
  };
}

const components: CollectionDef = {
  type: 'bundlecomponent',
  size: (index, ctx) => ctx.store.bundles[index]!.components.length,
  page: (index, ctx, offset, limit) => {
    const row = ctx.store.bundles[index]!;
    const out: JsonObject[] = [];
    for (let k = offset; k < Math.min(row.components.length, offset + limit); k++)
      out.push(componentRow(ctx, index, row, k));
    return out;
  },
  item: (index, ctx, id) => {
    const row = ctx.store.bundles[index]!;
    const k = row.components.findIndex(
      (_c, i) => idOf(ctx, 'component', row.firstComponent + i) === id,
    );
    return k < 0 ? null : componentRow(ctx, index, row, k);
  },
};

export const bundle = defineEntity<BundleRow>({
  type: 'bundle',
  table: 'bundle',
  path: 'entity/bundle',
  kind: 'dictionary',
  rows: (s) => s.bundles,
  fields: {
    ...goodFields<BundleRow>('bundle'),
    article: text((r) => r.article),
    weight: numeric(() => 0),
    volume: numeric(() => 0),
  },
  sortable: [
    'id',
    'updated',
    'name',
    'description',
    'code',
    'externalCode',
    'archived',
    'pathName',
    'article',
    'weight',
    'volume',
  ],
  search: (r, i) => [r.name, goodCode('bundle', i), r.article],
  serialize: (row, index, ctx) => ({
    ...goodBody(ctx, 'bundle', row, index),
    buyPrice: undefined,
    images: imagesOf(ctx, 'bundle', index),
    article: row.article,
    weight: 0,
    volume: 0,
    trackingType: 'NOT_TRACKED',
    paymentItemType: 'GOOD',
    components: metaArray(
      `${ctx.api}/entity/bundle/${idOf(ctx, 'bundle', index)}/components`,
      'bundlecomponent',
      row.components.length,
    ),
  }),
  collections: { components },
});
