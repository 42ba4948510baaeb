import { errors } from '../http/errors';
import type { AnyEntityDef, FieldValue } from '../model/entity';
import type { EmulatorStore } from '../store/store';

export interface OrderTerm {
  field: string;
  descending: boolean;
}

/** `order=name;code,desc`: terms separated by `;`, each optionally followed by `,asc|desc`. */
export function parseOrder(raw: string | undefined, sortable: readonly string[]): OrderTerm[] {
  if (!raw) return [];
  return raw
    .split(';')
    .filter((t) => t.trim() !== '')
    .map((term) => {
      const [field = '', direction = 'asc', ...rest] = term.split(',').map((s) => s.trim());
      if (!sortable.includes(field)) throw errors.order(field);
      if ((direction !== 'asc' && direction !== 'desc') || rest.length > 0)
        throw errors.orderDirection(direction);
      return { field, descending: direction === 'desc' };
    });
}

/**
 * MoySklad sorts text as the documentation's examples show: punctuation and spaces ignored,
 * digits before Latin before Cyrillic, case-insensitive.
 */
const collator = new Intl.Collator('en', {
  sensitivity: 'base',
  ignorePunctuation: true,
  numeric: false,
});

function compareValues(a: FieldValue, b: FieldValue): number {
  const aMissing = a === null || a === undefined || a === '';
  const bMissing = b === null || b === undefined || b === '';
  // Rows without a value come last when sorting ascending.
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string')
    return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
  const x = typeof a === 'boolean' ? Number(a) : (a as number);
  const y = typeof b === 'boolean' ? Number(b) : (b as number);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorts row indices in place by the terms; ties keep their previous (default) order. */
export function sortIndices(
  indices: number[],
  terms: readonly OrderTerm[],
  def: AnyEntityDef,
  rows: readonly unknown[],
  store: EmulatorStore,
): void {
  if (terms.length === 0) return;
  const getters = terms.map((t) => {
    const spec = def.fields[t.field];
    // Sortable fields without a filter spec (`version`, `updatedBy`) follow `updated`.
    const fallback = def.fields.updated!;
    const get = (spec ?? fallback).get;
    return { get, sign: t.descending ? -1 : 1 };
  });
  const keys = indices.map((i) => getters.map((g) => g.get(rows[i], i, store)));
  const order = indices.map((_, k) => k);
  order.sort((p, q) => {
    for (let t = 0; t < getters.length; t++) {
      const c = compareValues(keys[p]![t]!, keys[q]![t]!);
      if (c !== 0) return c * getters[t]!.sign;
    }
    return p - q;
  });
  const sorted = order.map((k) => indices[k]!);
  for (let k = 0; k < sorted.length; k++) indices[k] = sorted[k]!;
}
