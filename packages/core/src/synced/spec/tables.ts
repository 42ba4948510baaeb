import type { Column, Json } from './columns';
import type { PolyRef, Ref, TargetTable } from './references';

export type Columns = { readonly [field: string]: Column };
export type Refs = { readonly [name: string]: Ref | PolyRef };

/**
 * Rows that belong to one parent row and are written as a whole list: document positions, sale
 * prices, bundle components, contact persons. They have no source version of their own.
 */
export type ChildSpec<C extends Columns = Columns, R extends Refs = Refs> = {
  readonly table: string;
  /** Our key of the parent row. */
  readonly parentColumn: string;
  /** Whether `line_number` keeps each row's place in its list. */
  readonly numbered: boolean;
  readonly columns: C;
  readonly refs: R;
};

/**
 * A child list of a synced table. `digest` names the parent's column that keeps a digest of the
 * list last written, so that a different list counts as a change even when the parent is equal.
 */
export type ChildList<S extends ChildSpec = ChildSpec> = {
  readonly spec: S;
  readonly digest: string;
};

export type TableSpec<
  C extends Columns = Columns,
  R extends Refs = Refs,
  K extends { readonly [name: string]: ChildList } = { readonly [name: string]: ChildList },
  V extends boolean = boolean,
> = {
  readonly table: TargetTable;
  /** Whether the source gives every row a change time (`source_updated_at` NOT NULL). */
  readonly versioned: V;
  readonly columns: C;
  readonly refs: R;
  readonly children: K;
};

export function defineTable<
  const C extends Columns,
  const R extends Refs,
  const K extends { readonly [name: string]: ChildList },
  const V extends boolean,
>(spec: TableSpec<C, R, K, V>): TableSpec<C, R, K, V> {
  return spec;
}

export function defineChild<const C extends Columns, const R extends Refs>(
  spec: ChildSpec<C, R>,
): ChildSpec<C, R> {
  return spec;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ValueOf<C> = C extends Column<infer T> ? T : never;

type ColumnFields<C extends Columns> = {
  [K in keyof C as C[K] extends Column<unknown, false> ? K : never]: ValueOf<C[K]>;
} & {
  [K in keyof C as C[K] extends Column<unknown, false> ? never : K]?: ValueOf<C[K]> | null;
};

type IsRequired<X> = X extends { required: true } ? true : false;
type PolyTypes<X> = X extends PolyRef<infer T> ? T : never;

type RefFields<R extends Refs> = {
  [K in keyof R as IsRequired<R[K]> extends true ? `${K & string}ExternalId` : never]: string;
} & {
  [K in keyof R as IsRequired<R[K]> extends true ? never : `${K & string}ExternalId`]?:
    string | null;
} & {
  [
    K in keyof R as R[K] extends PolyRef
      ? IsRequired<R[K]> extends true
        ? `${K & string}Type`
        : never
      : never
  ]: PolyTypes<R[K]>;
} & {
  [
    K in keyof R as R[K] extends PolyRef
      ? IsRequired<R[K]> extends true
        ? never
        : `${K & string}Type`
      : never
  ]?: PolyTypes<R[K]> | null;
};

/** A row with these columns and references: a field per column, `<ref>ExternalId` (and `<ref>Type`). */
export type RowOf<C extends Columns, R extends Refs> = Simplify<ColumnFields<C> & RefFields<R>>;

/** A row of a child list as the sync engine passes it. */
export type ChildRow<S extends ChildSpec> = RowOf<S['columns'], S['refs']>;

type ChildFields<K extends { readonly [name: string]: ChildList }> = {
  /** The whole list; leave it out to keep the stored one. */
  [N in keyof K]?: ChildRow<K[N]['spec']>[];
};

type SourceFields<V extends boolean> = V extends true
  ? { externalId: string; sourceUpdatedAt: Date }
  : { externalId: string; sourceUpdatedAt?: Date | null };

/**
 * A row of a synced table as the sync engine passes it: the source's id and change time, the
 * custom fields, the columns, `<ref>ExternalId` (and `<ref>Type`) per reference, and child lists.
 */
export type InputRow<S extends TableSpec> =
  S extends TableSpec<infer C, infer R, infer K, infer V>
    ? Simplify<
        SourceFields<V> & { attributes?: Json } & ColumnFields<C> & RefFields<R> & ChildFields<K>
      >
    : never;
