import { formatMoscowTime } from './time';

/**
 * Builder for MoySklad's `filter` grammar: `field<op>value` conditions joined by `;`.
 * Repeated `=` on one field means OR, repeated `!=` means AND, different fields combine with
 * AND. The builder refuses the combinations the server rejects or silently half-applies, so a
 * mistake shows up where the filter is written rather than as a surprising result set.
 */

export type FilterOperator = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~' | '~=' | '=~';

/** A reference can be given as an href, a `meta` object or anything carrying a `meta`. */
export type FilterReference = string | { href: string } | { meta: { href: string } };

export type FilterScalar = string | number | boolean | Date;

/** Which rows a two-valued flag (`archived`, `isDeleted`) selects; `any` asks for both values. */
export type FlagSelection = boolean | 'any';

/**
 * Known (non-index-signature) keys of an entity type, so `filter<Product>()` suggests the
 * product's fields while still accepting dotted paths (`state.name`) and attribute hrefs.
 */
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};
export type FilterField<T> = (KnownKeys<T> & string) | (string & {});

interface Condition {
  readonly field: string;
  readonly operator: FilterOperator;
  readonly value: string;
}

const RANGE_OPERATORS: ReadonlySet<FilterOperator> = new Set(['>', '<', '>=', '<=']);

export class Filter<T = unknown> {
  private constructor(private readonly conditions: readonly Condition[]) {}

  static empty<T = unknown>(): Filter<T> {
    return new Filter<T>([]);
  }

  /** `field=value`; an array repeats the condition, which MoySklad reads as OR (IN). */
  eq(field: FilterField<T>, value: FilterScalar | readonly FilterScalar[]): Filter<T> {
    return this.addAll(field, '=', toArray(value).map(formatScalar));
  }

  /** `field!=value`; an array repeats the condition, which MoySklad reads as AND (NOT IN). */
  ne(field: FilterField<T>, value: FilterScalar | readonly FilterScalar[]): Filter<T> {
    return this.addAll(field, '!=', toArray(value).map(formatScalar));
  }

  gt(field: FilterField<T>, value: FilterScalar): Filter<T> {
    return this.add(field, '>', formatScalar(value));
  }

  gte(field: FilterField<T>, value: FilterScalar): Filter<T> {
    return this.add(field, '>=', formatScalar(value));
  }

  lt(field: FilterField<T>, value: FilterScalar): Filter<T> {
    return this.add(field, '<', formatScalar(value));
  }

  lte(field: FilterField<T>, value: FilterScalar): Filter<T> {
    return this.add(field, '<=', formatScalar(value));
  }

  /** `field~value`: case-insensitive substring match; strings only (not ids or dates). */
  contains(field: FilterField<T>, value: string): Filter<T> {
    return this.add(field, '~', formatScalar(value));
  }

  /** `field~=value`: case-insensitive prefix match. */
  startsWith(field: FilterField<T>, value: string): Filter<T> {
    return this.add(field, '~=', formatScalar(value));
  }

  /** `field=~value`: case-insensitive suffix match. */
  endsWith(field: FilterField<T>, value: string): Filter<T> {
    return this.add(field, '=~', formatScalar(value));
  }

  /** `field=`: the field is null (or an empty string). */
  isEmpty(field: FilterField<T>): Filter<T> {
    return this.add(field, '=', '');
  }

  /** `field!=`: the field has a value. */
  isNotEmpty(field: FilterField<T>): Filter<T> {
    return this.add(field, '!=', '');
  }

  /** Reference fields (`agent`, `store`, `organization`, ...) are filtered by full href. */
  ref(field: FilterField<T>, reference: FilterReference | readonly FilterReference[]): Filter<T> {
    const refs = Array.isArray(reference)
      ? (reference as readonly FilterReference[])
      : [reference as FilterReference];
    return this.addAll(field, '=', refs.map(hrefOf).map(escapeValue));
  }

  /** `id=a;id=b;...`: the listed ids (OR). */
  ids(ids: readonly string[]): Filter<T> {
    return this.addAll('id', '=', ids.map(escapeValue));
  }

  /**
   * Dictionaries hide archived rows unless asked; `any` lists both archived and active ones.
   * (When `id` is filtered as well, MoySklad ignores `archived`.)
   */
  archived(selection: FlagSelection): Filter<T> {
    return this.flag('archived', selection);
  }

  /** Documents in the recycle bin: `true` only those, `false` only live ones, `any` both. */
  isDeleted(selection: FlagSelection): Filter<T> {
    return this.flag('isDeleted', selection);
  }

  /** Posted documents (`true`) or drafts (`false`). */
  applicable(value: boolean): Filter<T> {
    return this.add('applicable', '=', String(value));
  }

  /** Conditions of `other` appended to these, with the same consistency checks. */
  and(other: Filter<T>): Filter<T> {
    return other.conditions.reduce<Filter<T>>(
      (acc, condition) => acc.add(condition.field, condition.operator, condition.value),
      this,
    );
  }

  get isEmptyFilter(): boolean {
    return this.conditions.length === 0;
  }

  /** The unencoded `filter` parameter value (URL encoding happens when the query is built). */
  toString(): string {
    return this.conditions.map((c) => `${c.field}${c.operator}${c.value}`).join(';');
  }

  private flag(field: string, selection: FlagSelection): Filter<T> {
    return selection === 'any'
      ? this.addAll(field, '=', ['true', 'false'])
      : this.add(field, '=', String(selection));
  }

  private addAll(field: string, operator: FilterOperator, values: readonly string[]): Filter<T> {
    if (values.length === 0) {
      throw new RangeError(`Filter on "${field}" needs at least one value`);
    }
    return values.reduce<Filter<T>>((acc, value) => acc.add(field, operator, value), this);
  }

  private add(field: string, operator: FilterOperator, value: string): Filter<T> {
    if (field.length === 0 || field.includes(';')) {
      throw new RangeError(`Invalid filter field name: "${field}"`);
    }
    const sameField = this.conditions.filter((c) => c.field === field);
    const hasEquality = sameField.some((c) => c.operator === '=');
    const hasRange = sameField.some((c) => RANGE_OPERATORS.has(c.operator));
    if ((operator === '=' && hasRange) || (RANGE_OPERATORS.has(operator) && hasEquality)) {
      // MoySklad answers `sum=100;sum>99` with an error.
      throw new RangeError(`Filter on "${field}" cannot mix "=" with a range comparison`);
    }
    if (RANGE_OPERATORS.has(operator) && sameField.some((c) => c.operator === operator)) {
      // MoySklad silently keeps only the first of `sum>99;sum>100`.
      throw new RangeError(`Filter on "${field}" repeats "${operator}"; only one is applied`);
    }
    return new Filter<T>([...this.conditions, { field, operator, value }]);
  }
}

/** Starts an empty filter; pass the entity type for field-name suggestions. */
export function filter<T = unknown>(): Filter<T> {
  return Filter.empty<T>();
}

/** A literal `;` inside a value must be written `\;`, otherwise it splits the condition. */
export function escapeValue(value: string): string {
  return value.replaceAll(';', '\\;');
}

function formatScalar(value: FilterScalar): string {
  if (value instanceof Date) return formatMoscowTime(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot filter by ${value}`);
    return String(value);
  }
  return escapeValue(String(value));
}

function hrefOf(reference: FilterReference): string {
  if (typeof reference === 'string') return reference;
  if ('meta' in reference) return reference.meta.href;
  return reference.href;
}

function toArray<V>(value: V | readonly V[]): readonly V[] {
  return Array.isArray(value) ? (value as readonly V[]) : [value as V];
}
