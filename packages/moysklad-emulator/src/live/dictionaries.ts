import { vatRate } from '../dataset/catalogue';
import { entityByTable } from '../model/registry';
import { DOCUMENT_TYPES, type IdTag } from '../model/types';
import type {
  BundleRow,
  CounterpartyRow,
  CurrencyRow,
  EmployeeRow,
  FolderRow,
  GoodRow,
  OrganizationRow,
  PriceTypeRow,
  ProductRow,
  ProjectRow,
  Requisites,
  SalesChannelRow,
  ServiceRow,
  StateRow,
  StoreRow,
  UomRow,
  VariantRow,
} from '../store/rows';
import type { EmulatorStore } from '../store/store';
import type { Transaction } from './transaction';
import {
  bad,
  bool,
  ChangeError,
  isObject,
  momentOf,
  money,
  num,
  optionalStr,
  reference,
  referenceIndex,
  salePricesOf,
  str,
  stringList,
} from './values';

type Editor<R> = (row: R, value: unknown, tx: Transaction, index: number) => void;

/** How the control API edits one dictionary: its fields, a blank row, and what keeps it in use. */
export interface DictionarySpec<R> {
  table: IdTag;
  rows: (store: EmulatorStore) => R[];
  /** A new row before the body's fields are applied. */
  blank: (tx: Transaction) => R;
  fields: Record<string, Editor<R>>;
  required: readonly string[];
  /** Derived fields to work out after a change (a folder's path, a variant's name). */
  after?: (row: R, index: number, tx: Transaction) => void;
  /** Bookkeeping once a new row is valid (a product counting its variants). */
  created?: (row: R, index: number, tx: Transaction, body: Record<string, unknown>) => void;
  /** Why the row cannot be deleted, or null. */
  usedBy?: (store: EmulatorStore, index: number) => string | null;
  /** Changes affect the catalogue's shape or order (goods, folders, stores). */
  catalogue?: boolean;
}

const text =
  <R>(key: keyof R): Editor<R> =>
  (row, value) => {
    (row as Record<string, unknown>)[key as string] = str(value, key as string);
  };
const optionalText =
  <R>(key: keyof R): Editor<R> =>
  (row, value) => {
    (row as Record<string, unknown>)[key as string] = optionalStr(value, key as string);
  };
const number =
  <R>(key: keyof R): Editor<R> =>
  (row, value) => {
    (row as Record<string, unknown>)[key as string] = num(value, key as string);
  };
const flag =
  <R>(key: keyof R): Editor<R> =>
  (row, value) => {
    (row as Record<string, unknown>)[key as string] = bool(value, key as string);
  };

const archivedField = <R extends { archived: boolean }>(): Editor<R> => flag<R>('archived');

function requisiteEditors<R extends Requisites>(): Record<string, Editor<R>> {
  return {
    companyType: (row, value) => {
      if (value !== 'legal' && value !== 'entrepreneur' && value !== 'individual')
        throw bad('companyType: legal, entrepreneur or individual');
      row.companyType = value;
    },
    legalTitle: text<R>('legalTitle'),
    inn: text<R>('inn'),
    kpp: optionalText<R>('kpp'),
    ogrn: optionalText<R>('ogrn'),
    ogrnip: optionalText<R>('ogrnip'),
    okpo: optionalText<R>('okpo'),
    legalAddress: optionalText<R>('legalAddress'),
    actualAddress: optionalText<R>('actualAddress'),
    legalFirstName: optionalText<R>('legalFirstName'),
    legalLastName: optionalText<R>('legalLastName'),
    legalMiddleName: optionalText<R>('legalMiddleName'),
    email: optionalText<R>('email'),
    phone: optionalText<R>('phone'),
  };
}

/** Fields products, services and bundles share. */
function goodEditors<R extends GoodRow>(): Record<string, Editor<R>> {
  return {
    name: text<R>('name'),
    description: optionalText<R>('description'),
    archived: archivedField<R>(),
    productFolder: (row, value, tx) => {
      row.folder = referenceIndex(tx.store, value, 'productfolder', 'productFolder', true);
    },
    uom: (row, value, tx) => {
      row.uom = referenceIndex(tx.store, value, 'uom', 'uom');
    },
    salePrices: (row, value, tx) => {
      row.prices = salePricesOf(tx.store, value, row.prices);
    },
    buyPrice: (row, value) => {
      row.buyPrice = money(value, 'buyPrice');
    },
    minPrice: (row, value) => {
      row.minPrice = money(value, 'minPrice');
    },
    vat: number<R>('vat'),
    vatEnabled: flag<R>('vatEnabled'),
    useParentVat: flag<R>('useParentVat'),
  };
}

function blankGood(tx: Transaction): GoodRow {
  return {
    name: '',
    folder: -1,
    uom: 0,
    archived: false,
    prices: tx.store.priceTypes.map(() => 0),
    buyPrice: 0,
    minPrice: 0,
    vat: vatRate('standard', tx.moment),
    vatEnabled: true,
    useParentVat: true,
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  };
}

/** Products, services and bundles that are not deleted. */
function liveGoods(store: EmulatorStore): GoodRow[] {
  const out: GoodRow[] = [];
  for (const [table, rows] of [
    ['product', store.products],
    ['service', store.services],
    ['bundle', store.bundles],
  ] as const)
    rows.forEach((g, i) => {
      if (!store.isRemoved(table, i)) out.push(g);
    });
  return out;
}

/** Rows of documents whose positions mention a good, or null. */
function goodInUse(store: EmulatorStore, kind: number, index: number): string | null {
  const p = store.positions;
  for (const type of DOCUMENT_TYPES) {
    const docs = store.documents[type];
    for (let d = 0; d < docs.length; d++) {
      if (store.isRemoved(type, d)) continue;
      const row = docs[d]!;
      for (let k = row.positionStart; k < row.positionStart + row.positionCount; k++)
        if (p.assortmentKind[k] === kind && p.assortment[k] === index)
          return `used in ${type} ${store.ids.encode(type, d)}`;
    }
  }
  for (let b = 0; b < store.bundles.length; b++) {
    if (store.isRemoved('bundle', b)) continue;
    const kindName = ['product', 'variant', 'service', 'bundle'][kind];
    if (store.bundles[b]!.components.some((c) => c.kind === kindName && c.index === index))
      return `a component of bundle ${store.ids.encode('bundle', b)}`;
  }
  return null;
}

/** Documents whose field points at the row, or null. */
function documentsUsing(
  store: EmulatorStore,
  field: 'agent' | 'organization' | 'store' | 'state' | 'project' | 'salesChannel' | 'owner',
  index: number,
): string | null {
  for (const type of DOCUMENT_TYPES) {
    const docs = store.documents[type];
    for (let d = 0; d < docs.length; d++)
      if (docs[d]![field] === index && !store.isRemoved(type, d))
        return `used in ${type} ${store.ids.encode(type, d)}`;
  }
  return null;
}

function folderPathOf(store: EmulatorStore, folder: number): string {
  const names: string[] = [];
  for (let f = store.folders[folder]!.parent; f >= 0; f = store.folders[f]!.parent)
    names.unshift(store.folders[f]!.name);
  return names.join('/');
}

const organization: DictionarySpec<OrganizationRow> = {
  table: 'organization',
  rows: (s) => s.organizations,
  blank: (tx) => ({
    name: '',
    archived: false,
    payerVat: true,
    companyType: 'legal',
    legalTitle: '',
    inn: '',
    accounts: [],
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  }),
  fields: {
    name: text('name'),
    archived: archivedField(),
    payerVat: flag('payerVat'),
    director: optionalText('director'),
    chiefAccountant: optionalText('chiefAccountant'),
    ...requisiteEditors<OrganizationRow>(),
  },
  required: ['name'],
  after: (row) => {
    row.legalTitle ||= row.name;
  },
  usedBy: (store, index) =>
    documentsUsing(store, 'organization', index) ??
    (store.retailStores.some((r) => r.organization === index) ? 'used by a point of sale' : null),
};

const employee: DictionarySpec<EmployeeRow> = {
  table: 'employee',
  rows: (s) => s.employees,
  blank: (tx) => ({
    firstName: '',
    middleName: '',
    lastName: '',
    email: '',
    phone: '',
    position: '',
    uid: `employee${tx.store.employees.length}@${tx.store.accountName}`,
    inn: '',
    archived: false,
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  }),
  fields: {
    firstName: text('firstName'),
    middleName: text('middleName'),
    lastName: text('lastName'),
    email: text('email'),
    phone: text('phone'),
    position: text('position'),
    inn: text('inn'),
    uid: text('uid'),
    archived: archivedField(),
  },
  required: ['lastName'],
  usedBy: (store, index) =>
    index === 0 ? 'the account owner' : documentsUsing(store, 'owner', index),
};

const currency: DictionarySpec<CurrencyRow> = {
  table: 'currency',
  rows: (s) => s.currencies,
  blank: (tx) => ({
    name: '',
    fullName: '',
    code: '',
    isoCode: '',
    isDefault: false,
    rate: 1,
    archived: false,
    major: { gender: 'masculine', s1: '', s2: '', s5: '' },
    minor: { gender: 'feminine', s1: '', s2: '', s5: '' },
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  }),
  fields: {
    name: text('name'),
    fullName: text('fullName'),
    code: text('code'),
    isoCode: text('isoCode'),
    rate: number('rate'),
    archived: archivedField(),
  },
  required: ['name'],
  usedBy: (_s, index) => (index === 0 ? 'the account currency' : null),
};

const priceType: DictionarySpec<PriceTypeRow> = {
  table: 'pricetype',
  rows: (s) => s.priceTypes,
  blank: () => ({ name: '' }),
  fields: { name: text('name') },
  required: ['name'],
  usedBy: () => 'price types are kept (goods hold a price for each)',
};

const uom: DictionarySpec<UomRow> = {
  table: 'uom',
  rows: (s) => s.uoms,
  blank: (tx) => ({ name: '', description: '', code: '', updated: tx.moment }),
  fields: { name: text('name'), description: text('description'), code: text('code') },
  required: ['name'],
  usedBy: (store, index) =>
    liveGoods(store).some((g) => g.uom === index) ? 'used by goods' : null,
};

const storeSpec: DictionarySpec<StoreRow> = {
  table: 'store',
  rows: (s) => s.stores,
  blank: (tx) => ({
    name: '',
    code: '',
    address: '',
    city: '',
    street: '',
    house: '',
    postalCode: '',
    archived: false,
    retail: false,
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  }),
  fields: {
    name: text('name'),
    code: text('code'),
    address: text('address'),
    archived: archivedField(),
  },
  required: ['name'],
  usedBy: (store, index) =>
    documentsUsing(store, 'store', index) ??
    (store.retailStores.some((r) => r.store === index) ? 'used by a point of sale' : null),
  catalogue: true,
};

const folder: DictionarySpec<FolderRow> = {
  table: 'productfolder',
  rows: (s) => s.folders,
  blank: (tx) => ({
    name: '',
    code: '',
    parent: -1,
    pathName: '',
    vat: vatRate('standard', tx.moment),
    vatEnabled: true,
    useParentVat: true,
    archived: false,
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  }),
  fields: {
    name: text('name'),
    code: text('code'),
    archived: archivedField(),
    productFolder: (row, value, tx, index) => {
      const parent = referenceIndex(tx.store, value, 'productfolder', 'productFolder', true);
      for (let f = parent; f >= 0; f = tx.store.folders[f]!.parent)
        if (f === index) throw bad('productFolder: a folder cannot be inside itself');
      row.parent = parent;
    },
    vat: number('vat'),
    vatEnabled: flag('vatEnabled'),
    useParentVat: flag('useParentVat'),
  },
  required: ['name'],
  after: (_row, _index, tx) => {
    // Paths of every folder, since a rename or a move changes those below it.
    tx.store.folders.forEach((f, i) => {
      f.pathName = folderPathOf(tx.store, i);
    });
  },
  usedBy: (store, index) =>
    store.folders.some((f, i) => f.parent === index && !store.isRemoved('productfolder', i)) ||
    liveGoods(store).some((g) => g.folder === index)
      ? 'the folder is not empty'
      : null,
  catalogue: true,
};

const product: DictionarySpec<ProductRow> = {
  table: 'product',
  rows: (s) => s.products,
  blank: (tx) => ({
    ...blankGood(tx),
    article: '',
    supplier: -1,
    weight: 0,
    volume: 0,
    trackingType: 'NOT_TRACKED',
    variantsCount: 0,
    firstVariant: -1,
    country: 'Россия',
    warrantyMonths: 0,
    isNew: false,
    weighed: false,
    minimumBalance: 0,
  }),
  fields: {
    ...goodEditors<ProductRow>(),
    article: text('article'),
    supplier: (row, value, tx) => {
      row.supplier = referenceIndex(tx.store, value, 'counterparty', 'supplier', true);
    },
    weight: number('weight'),
    volume: number('volume'),
    weighed: flag('weighed'),
    minimumBalance: number('minimumBalance'),
  },
  required: ['name'],
  usedBy: (store, index) =>
    store.variantsOf(index).some((v) => !store.isRemoved('variant', v))
      ? 'the product has variants'
      : goodInUse(store, 0, index),
  catalogue: true,
};

const variantSpec: DictionarySpec<VariantRow> = {
  table: 'variant',
  rows: (s) => s.variants,
  blank: (tx) => ({
    product: -1,
    characteristics: [],
    name: '',
    archived: false,
    prices: tx.store.priceTypes.map(() => 0),
    buyPrice: 0,
    created: tx.moment,
    updated: tx.moment,
  }),
  fields: {
    product: (row, value, tx) => {
      if (row.product >= 0) throw bad('product: a variant cannot move to another product');
      row.product = referenceIndex(tx.store, value, 'product', 'product');
    },
    characteristics: (row, value, tx) => {
      if (!Array.isArray(value) || value.length === 0)
        throw bad('characteristics: expected a non-empty array of { name or meta, value }');
      row.characteristics = value.map((item, k) => {
        if (!isObject(item)) throw bad(`characteristics[${k}]: expected an object`);
        let c =
          typeof item.name === 'string'
            ? tx.store.characteristics.findIndex((ch) => ch.name === item.name)
            : -1;
        if (c < 0 && item.name === undefined)
          c = referenceIndex(tx.store, item, 'characteristic', `characteristics[${k}]`);
        if (c < 0) {
          tx.store.characteristics.push({ name: str(item.name, `characteristics[${k}].name`) });
          c = tx.store.characteristics.length - 1;
        }
        return [c, str(item.value, `characteristics[${k}].value`)] as [number, string];
      });
    },
    archived: archivedField(),
    salePrices: (row, value, tx) => {
      row.prices = salePricesOf(tx.store, value, row.prices);
    },
    buyPrice: (row, value) => {
      row.buyPrice = money(value, 'buyPrice');
    },
  },
  required: ['product', 'characteristics'],
  created: (row, index, tx, body) => {
    const p = tx.store.products[row.product]!;
    if (body.salePrices === undefined) row.prices = [...p.prices];
    if (body.buyPrice === undefined) row.buyPrice = p.buyPrice;
    // Variants of a product are stored one after another; a later one is listed apart.
    const extra = tx.store.extraVariants.get(row.product) ?? [];
    if (p.variantsCount === 0) p.firstVariant = index;
    else if (extra.length > 0 || p.firstVariant + p.variantsCount !== index) {
      extra.push(index);
      tx.store.extraVariants.set(row.product, extra);
    }
    p.variantsCount++;
  },
  after: (row, _index, tx) => {
    const p = tx.store.products[row.product]!;
    row.name = `${p.name} (${row.characteristics.map(([, v]) => v).join(', ')})`;
  },
  usedBy: (store, index) => goodInUse(store, 1, index),
  catalogue: true,
};

const service: DictionarySpec<ServiceRow> = {
  table: 'service',
  rows: (s) => s.services,
  blank: (tx) => blankGood(tx),
  fields: goodEditors<ServiceRow>(),
  required: ['name'],
  usedBy: (store, index) => goodInUse(store, 2, index),
  catalogue: true,
};

const bundle: DictionarySpec<BundleRow> = {
  table: 'bundle',
  rows: (s) => s.bundles,
  blank: (tx) => ({
    ...blankGood(tx),
    article: '',
    components: [],
    firstComponent: tx.store.bundles.reduce(
      (n, b) => Math.max(n, b.firstComponent + b.components.length),
      0,
    ),
  }),
  fields: {
    ...goodEditors<BundleRow>(),
    article: text('article'),
    components: (row, value, tx) => {
      if (!Array.isArray(value) || value.length === 0)
        throw bad('components: expected a non-empty array of { assortment, quantity }');
      const components = value.map((item, k) => {
        if (!isObject(item)) throw bad(`components[${k}]: expected an object`);
        const ref = reference(
          tx.store,
          item.assortment,
          ['product', 'variant'],
          `components[${k}].assortment`,
        );
        return {
          kind: ref.table as 'product' | 'variant',
          index: ref.index,
          quantity:
            item.quantity === undefined ? 1 : num(item.quantity, `components[${k}].quantity`),
        };
      });
      if (components.length > row.components.length && row.components.length > 0)
        row.firstComponent = tx.store.bundles.reduce(
          (n, b) => Math.max(n, b.firstComponent + b.components.length),
          0,
        );
      row.components = components;
    },
  },
  required: ['name', 'components'],
  usedBy: (store, index) => goodInUse(store, 3, index),
  catalogue: true,
};

const counterparty: DictionarySpec<CounterpartyRow> = {
  table: 'counterparty',
  rows: (s) => s.counterparties,
  blank: (tx) => ({
    name: '',
    archived: false,
    role: 'wholesale',
    tags: [],
    priceType: 0,
    salesAmount: 0,
    companyType: 'legal',
    legalTitle: '',
    inn: '',
    accounts: [],
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  }),
  fields: {
    name: text('name'),
    archived: archivedField(),
    description: optionalText('description'),
    tags: (row, value) => {
      row.tags = stringList(value, 'tags');
    },
    priceType: (row, value, tx) => {
      row.priceType = referenceIndex(tx.store, value, 'pricetype', 'priceType');
    },
    discountCardNumber: optionalText('discountCardNumber'),
    sex: (row, value) => {
      if (value !== null && value !== 'MALE' && value !== 'FEMALE')
        throw bad('sex: MALE or FEMALE');
      row.sex = value ?? undefined;
    },
    birthDate: (row, value) => {
      row.birthDate = value === null ? undefined : momentOf(value, 'birthDate');
    },
    ...requisiteEditors<CounterpartyRow>(),
  },
  required: ['name'],
  after: (row) => {
    row.legalTitle ||= row.name;
  },
  usedBy: (store, index) =>
    documentsUsing(store, 'agent', index) ??
    (store.products.some((p, i) => p.supplier === index && !store.isRemoved('product', i))
      ? 'the supplier of goods'
      : null),
};

const salesChannel: DictionarySpec<SalesChannelRow> = {
  table: 'saleschannel',
  rows: (s) => s.salesChannels,
  blank: (tx) => ({
    name: '',
    type: 'OTHER',
    description: '',
    archived: false,
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  }),
  fields: {
    name: text('name'),
    type: text('type'),
    description: text('description'),
    archived: archivedField(),
  },
  required: ['name'],
  usedBy: (store, index) => documentsUsing(store, 'salesChannel', index),
};

const project: DictionarySpec<ProjectRow> = {
  table: 'project',
  rows: (s) => s.projects,
  blank: (tx) => ({
    name: '',
    code: '',
    description: '',
    archived: false,
    created: tx.moment,
    updated: tx.moment,
    owner: tx.employee,
  }),
  fields: {
    name: text('name'),
    code: text('code'),
    description: text('description'),
    archived: archivedField(),
  },
  required: ['name'],
  usedBy: (store, index) => documentsUsing(store, 'project', index),
};

const state: DictionarySpec<StateRow> = {
  table: 'state',
  rows: (s) => s.states,
  blank: () => ({ entityType: 'customerorder', name: '', color: 0, stateType: 'Regular' }),
  fields: {
    entityType: (row, value) => {
      if (typeof value !== 'string' || !(DOCUMENT_TYPES as readonly string[]).includes(value))
        throw bad('entityType: a document type');
      row.entityType = value as StateRow['entityType'];
    },
    name: text('name'),
    color: number('color'),
    stateType: (row, value) => {
      if (value !== 'Regular' && value !== 'Successful' && value !== 'Unsuccessful')
        throw bad('stateType: Regular, Successful or Unsuccessful');
      row.stateType = value;
    },
  },
  required: ['name', 'entityType'],
  usedBy: (store, index) => documentsUsing(store, 'state', index),
};

export const DICTIONARIES: Record<string, DictionarySpec<never>> = Object.fromEntries(
  [
    organization,
    employee,
    currency,
    priceType,
    uom,
    storeSpec,
    folder,
    product,
    variantSpec,
    service,
    bundle,
    counterparty,
    salesChannel,
    project,
    state,
  ].map((spec) => [entityByTable(spec.table)!.type, spec as unknown as DictionarySpec<never>]),
);

function applyBody<R>(
  spec: DictionarySpec<R>,
  row: R,
  index: number,
  body: Record<string, unknown>,
  tx: Transaction,
  creating: boolean,
): void {
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || key === 'meta' || key === 'id') continue;
    const edit = spec.fields[key];
    if (!edit) throw bad(`${key}: not a field the emulator can set on ${spec.table}`);
    if (!creating && key === 'entityType') throw bad('entityType: cannot change');
    edit(row, value, tx, index);
  }
  spec.after?.(row, index, tx);
}

export function createDictionaryRow<R>(
  spec: DictionarySpec<R>,
  tx: Transaction,
  body: Record<string, unknown>,
): number {
  for (const field of spec.required)
    if (body[field] === undefined || body[field] === null || body[field] === '')
      throw bad(`${field}: required`);
  const rows = spec.rows(tx.store);
  const index = rows.length;
  const row = spec.blank(tx);
  rows.push(row);
  try {
    applyBody(spec, row, index, body, tx, true);
  } catch (error) {
    rows.pop();
    throw error;
  }
  spec.created?.(row, index, tx, body);
  tx.touch(spec.table, index, 'create');
  if (spec.catalogue) {
    afterCatalogueChange(tx, spec.table, index, false);
    // A new good or store changes the ledger's shape.
    if (['product', 'variant', 'store'].includes(spec.table)) tx.replayFrom(-Infinity);
  }
  return index;
}

export function updateDictionaryRow<R>(
  spec: DictionarySpec<R>,
  tx: Transaction,
  index: number,
  body: Record<string, unknown>,
): void {
  tx.touch(spec.table, index, 'update');
  const row = spec.rows(tx.store)[index]!;
  const archived = (row as { archived?: boolean }).archived;
  applyBody(spec, row, index, body, tx, false);
  if (spec.catalogue)
    afterCatalogueChange(
      tx,
      spec.table,
      index,
      archived !== (row as { archived?: boolean }).archived,
    );
}

export function deleteDictionaryRow<R>(
  spec: DictionarySpec<R>,
  tx: Transaction,
  index: number,
): void {
  const reason = spec.usedBy?.(tx.store, index) ?? null;
  if (reason) throw new ChangeError(409, `Нельзя удалить объект: ${reason}`);
  tx.touch(spec.table, index, 'delete');
  tx.remove(spec.table, index);
  if (spec.catalogue) afterCatalogueChange(tx, spec.table, index, true);
}

/**
 * Goods, folders and stores make the catalogue's order and the ledger's shape. A good archived,
 * unarchived or deleted shows in `changedSince` queries (with zero stock while it is gone).
 */
function afterCatalogueChange(tx: Transaction, table: IdTag, index: number, gone: boolean): void {
  tx.catalogueChanged = true;
  if (gone && (table === 'product' || table === 'variant')) tx.noteGoodStock(table, index);
}
