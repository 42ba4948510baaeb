import type { IdTag } from '../model/types';
import type { EmulatorStore } from '../store/store';
import { MINUTE, parseMsk } from '../time/moscow';

/** A change the control API refuses: bad input (400), a missing row (404), a row in use (409). */
export class ChangeError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'ChangeError';
  }
}

export function bad(message: string): ChangeError {
  return new ChangeError(400, message);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown, field: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') throw bad(`${field}: expected a string`);
  return value;
}

export function optionalStr(value: unknown, field: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return str(value, field);
}

export function num(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw bad(`${field}: expected a number`);
  return value;
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw bad(`${field}: expected true or false`);
  return value;
}

/** Kopecks: a number or MoySklad's `{ value }`. */
export function money(value: unknown, field: string): number {
  if (isObject(value)) return num(value.value, `${field}.value`);
  return num(value, field);
}

/** A moment: Moscow-time `YYYY-MM-DD HH:mm[:ss[.SSS]]` or epoch ms. */
export function momentOf(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const t = parseMsk(value);
    if (t !== null) return t;
  }
  throw bad(`${field}: expected a Moscow-time "YYYY-MM-DD HH:mm:ss" or epoch milliseconds`);
}

export function minuteOf(moment: number): number {
  return Math.floor(moment / MINUTE) * MINUTE;
}

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;

/** The id a reference names: `{ meta: { href } }`, an href, `{ id }` or a bare id. */
export function idOfReference(value: unknown): string | null {
  if (typeof value === 'string') {
    const path = value.split('?')[0]!;
    const last = path.split('/').filter(Boolean).pop() ?? '';
    return UUID.test(last) ? last : null;
  }
  if (isObject(value)) {
    if (isObject(value.meta) && typeof value.meta.href === 'string')
      return idOfReference(value.meta.href);
    if (typeof value.id === 'string') return value.id;
  }
  return null;
}

/** Resolves a reference to a row of one of the given tables (not deleted). */
export function reference(
  store: EmulatorStore,
  value: unknown,
  tables: readonly IdTag[],
  field: string,
): { table: IdTag; index: number } {
  const id = idOfReference(value);
  const decoded = id ? store.ids.decode(id) : null;
  if (!decoded || !tables.includes(decoded.table))
    throw bad(`${field}: expected a reference to ${tables.join(' or ')}`);
  if (
    store.isRemoved(decoded.table, decoded.index) ||
    !rowExists(store, decoded.table, decoded.index)
  )
    throw new ChangeError(404, `${field}: ${decoded.table} ${id} not found`);
  return decoded;
}

/** A reference to one table, or -1 for null (when allowed). */
export function referenceIndex(
  store: EmulatorStore,
  value: unknown,
  table: IdTag,
  field: string,
  nullable = false,
): number {
  if (value === null || value === undefined) {
    if (nullable) return -1;
    throw bad(`${field}: required`);
  }
  return reference(store, value, [table], field).index;
}

const TABLE_ROWS: Partial<Record<IdTag, (s: EmulatorStore) => readonly unknown[]>> = {
  organization: (s) => s.organizations,
  employee: (s) => s.employees,
  currency: (s) => s.currencies,
  pricetype: (s) => s.priceTypes,
  uom: (s) => s.uoms,
  store: (s) => s.stores,
  productfolder: (s) => s.folders,
  product: (s) => s.products,
  variant: (s) => s.variants,
  service: (s) => s.services,
  bundle: (s) => s.bundles,
  counterparty: (s) => s.counterparties,
  saleschannel: (s) => s.salesChannels,
  project: (s) => s.projects,
  state: (s) => s.states,
  retailstore: (s) => s.retailStores,
  retailshift: (s) => s.retailShifts,
  characteristic: (s) => s.characteristics,
  customerorder: (s) => s.documents.customerorder,
  demand: (s) => s.documents.demand,
  invoiceout: (s) => s.documents.invoiceout,
  salesreturn: (s) => s.documents.salesreturn,
  retaildemand: (s) => s.documents.retaildemand,
  retailsalesreturn: (s) => s.documents.retailsalesreturn,
  supply: (s) => s.documents.supply,
  purchaseorder: (s) => s.documents.purchaseorder,
  purchasereturn: (s) => s.documents.purchasereturn,
};

export function rowExists(store: EmulatorStore, table: IdTag, index: number): boolean {
  const rows = TABLE_ROWS[table]?.(store);
  return rows !== undefined && index >= 0 && index < rows.length;
}

/** Sale prices: MoySklad's `[{ value, priceType }]` (by reference or name), or plain numbers by position. */
export function salePricesOf(
  store: EmulatorStore,
  value: unknown,
  current: readonly number[],
  field = 'salePrices',
): number[] {
  if (!Array.isArray(value)) throw bad(`${field}: expected an array`);
  const prices = store.priceTypes.map((_t, i) => current[i] ?? 0);
  value.forEach((item, k) => {
    if (typeof item === 'number') {
      if (k >= prices.length) throw bad(`${field}[${k}]: no such price type`);
      prices[k] = num(item, `${field}[${k}]`);
      return;
    }
    if (!isObject(item)) throw bad(`${field}[${k}]: expected { value, priceType }`);
    let type = k;
    if (item.priceType !== undefined) {
      const named =
        isObject(item.priceType) && typeof item.priceType.name === 'string'
          ? store.priceTypes.findIndex((t) => t.name === (item.priceType as { name: string }).name)
          : -1;
      type =
        named >= 0
          ? named
          : referenceIndex(store, item.priceType, 'pricetype', `${field}[${k}].priceType`);
    }
    if (type >= prices.length) throw bad(`${field}[${k}]: no such price type`);
    prices[type] = num(item.value, `${field}[${k}].value`);
  });
  return prices;
}

export function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw bad(`${field}: expected an array of strings`);
  return [...(value as string[])];
}
