import type { JsonObject, RenderContext } from '../../serialize/meta';
import type { EmulatorStore } from '../../store/store';
import { internalEan13 } from '../../dataset/checksums';
import { externalCodeFor } from '../../ids';
import { defineEntity, OPS, type AnyEntityDef, type FieldSpec } from '../entity';
import { reference } from '../fields';
import { ASSORTMENT_KINDS, type AssortmentKind } from '../types';
import { bundle, folderPath, goodCode, product, service, variant } from './catalogue';

/** One row of `/entity/assortment`: a good of any kind. */
export interface AssortmentRow {
  kind: AssortmentKind;
  index: number;
}

const DEFS: Record<AssortmentKind, AnyEntityDef> = { product, variant, service, bundle };
const cache = new WeakMap<EmulatorStore, { version: number; rows: AssortmentRow[] }>();

/** Goods of every kind, each product followed by its variants; deleted goods left out. */
function rowsOf(store: EmulatorStore): AssortmentRow[] {
  let cached = cache.get(store);
  if (!cached || cached.version !== store.catalogueVersion) {
    const rows: AssortmentRow[] = [];
    const push = (kind: AssortmentKind, index: number) => {
      if (!store.isRemoved(kind, index)) rows.push({ kind, index });
    };
    for (let i = 0; i < store.products.length; i++) {
      push('product', i);
      for (const v of store.variantsOf(i)) push('variant', v);
    }
    store.services.forEach((_s, i) => push('service', i));
    store.bundles.forEach((_b, i) => push('bundle', i));
    cache.set(store, (cached = { version: store.catalogueVersion, rows }));
  }
  return cached.rows;
}

/** The underlying row of a good, with product data standing in for a variant's folder and supplier. */
function source(store: EmulatorStore, row: AssortmentRow) {
  switch (row.kind) {
    case 'product':
      return { good: store.products[row.index]!, product: store.products[row.index]! };
    case 'variant': {
      const v = store.variants[row.index]!;
      return { good: v, product: store.products[v.product]! };
    }
    case 'service':
      return { good: store.services[row.index]!, product: null };
    case 'bundle':
      return { good: store.bundles[row.index]!, product: null };
  }
}

function folderOf(store: EmulatorStore, row: AssortmentRow): number {
  const s = source(store, row);
  return s.product ? s.product.folder : (s.good as { folder: number }).folder;
}

const text = (
  get: (row: AssortmentRow, store: EmulatorStore) => string | undefined,
): FieldSpec<AssortmentRow> => ({
  kind: 'string',
  ops: OPS.like,
  get: (row, _i, store) => get(row, store) ?? null,
});

export const assortment = defineEntity<AssortmentRow>({
  type: 'assortment',
  table: 'product',
  virtual: true,
  path: 'entity/assortment',
  kind: 'dictionary',
  rows: rowsOf,
  fields: {
    id: {
      kind: 'uuid',
      ops: OPS.eq,
      get: (row, _i, store) => store.ids.encode(row.kind, row.index),
    },
    name: text((row, store) => source(store, row).good.name),
    code: text((row) => goodCode(row.kind, row.index)),
    description: text(
      (row, store) => (source(store, row).good as { description?: string }).description,
    ),
    externalCode: text((row, store) => externalCodeFor(store.seed, row.kind, row.index)),
    pathName: text((row, store) => folderPath(store, folderOf(store, row), true)),
    article: text((row, store) => source(store, row).product?.article),
    archived: {
      kind: 'boolean',
      ops: OPS.eq,
      get: (row, _i, store) => source(store, row).good.archived,
    },
    updated: {
      kind: 'datetime',
      ops: ['=', '<', '<=', '>', '>='],
      get: (row, _i, store) => source(store, row).good.updated,
    },
    barcode: {
      kind: 'strings',
      ops: ['=', '~', '~=', '=~'],
      get: (row) => [internalEan13(ASSORTMENT_KINDS.indexOf(row.kind), row.index)],
    },
    type: {
      kind: 'enum',
      ops: ['='],
      values: ['product', 'service', 'bundle', 'variant', 'consignment'],
      get: (row) => row.kind,
    },
    productFolder: {
      kind: 'ref',
      ops: OPS.eq,
      refTypes: ['productfolder'],
      hierarchical: true,
      get: (row, _i, store) => {
        const folder = folderOf(store, row);
        return folder < 0 ? null : store.ids.encode('productfolder', folder);
      },
    },
    supplier: {
      kind: 'ref',
      ops: OPS.eq,
      refTypes: ['counterparty', 'organization'],
      get: (row, _i, store) => {
        const p = source(store, row).product;
        return p && p.supplier >= 0 ? store.ids.encode('counterparty', p.supplier) : null;
      },
    },
    group: reference<AssortmentRow>('group', () => 0),
  },
  sortable: ['name', 'code', 'pathName', 'article'],
  search: (row, _i, store) => [
    source(store, row).good.name,
    goodCode(row.kind, row.index),
    source(store, row).product?.article,
  ],
  serialize: (row, _index, ctx) =>
    DEFS[row.kind].serialize(DEFS[row.kind].rows(ctx.store)[row.index], row.index, ctx),
});

/**
 * The legacy endpoint (without `X-Lognex-Remap-Beta-Feature: assortmentWithoutStock`) adds stock
 * figures across all stores to every good that has stock.
 */
export function withStock(json: JsonObject, row: AssortmentRow, ctx: RenderContext): JsonObject {
  const store = ctx.store;
  if (row.kind !== 'product' && row.kind !== 'variant') return json;
  const cell = store.ledger.cellOf(row.kind === 'product' ? 0 : 1, row.index);
  const stock = store.ledger.totalStock(cell);
  const { reserve, inTransit } = store.reservedAt(cell, -1, Number.MAX_VALUE);
  return { ...json, stock, reserve, inTransit, quantity: stock - reserve + inTransit };
}
