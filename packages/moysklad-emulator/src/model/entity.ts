import type { JsonObject, RenderContext } from '../serialize/meta';
import type { EmulatorStore } from '../store/store';
import type { IdTag } from './types';

export type FilterOperator = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~' | '~=' | '=~';

/** Operators as the documentation lists them per field type. */
export const OPS = {
  eq: ['=', '!='],
  like: ['=', '!=', '~', '~=', '=~'],
  range: ['=', '!=', '<', '>', '<=', '>='],
} as const satisfies Record<string, readonly FilterOperator[]>;

export type FieldValue = string | number | boolean | null | readonly string[];

export type FieldKind =
  /** Text; `~ ~= =~` compare case-insensitively. */
  | 'string'
  | 'number'
  | 'boolean'
  /** Epoch ms; filter values are Moscow-time strings. */
  | 'datetime'
  | 'uuid'
  /** A reference; filter values are hrefs, the row value is the target's id. */
  | 'ref'
  /** One of a fixed set of strings. */
  | 'enum'
  /** A list of strings (tags, barcodes): a condition holds when some element satisfies it. */
  | 'strings';

export interface FieldSpec<R> {
  kind: FieldKind;
  /** Filter operators the field accepts; empty means it can be sorted but not filtered. */
  ops: readonly FilterOperator[];
  get: (row: R, index: number, store: EmulatorStore) => FieldValue;
  values?: readonly string[];
  /** Entity types an href may name, for reference fields. */
  refTypes?: readonly string[];
  /** A product folder reference: matches rows in subfolders too, unless `withSubFolders=false`. */
  hierarchical?: boolean;
}

/** A sub-resource such as `/positions` or `/components`, listed and expanded the same way. */
export interface CollectionDef {
  /** `meta.type` of the collection. */
  type: string;
  size: (index: number, ctx: RenderContext) => number;
  page: (index: number, ctx: RenderContext, offset: number, limit: number) => JsonObject[];
  /** One element by its id, or null. */
  item?: (index: number, ctx: RenderContext, id: string) => JsonObject | null;
}

/**
 * Everything the generic list/get machinery needs about one entity type: where its rows live,
 * how they filter, sort and search, and how one row becomes JSON.
 */
export interface EntityDef<R = unknown> {
  type: string;
  table: IdTag;
  /** URL path below the API root, e.g. `entity/product`. */
  path: string;
  /** Dictionaries hide archived rows by default; documents hide the recycle bin. */
  kind: 'dictionary' | 'document' | 'plain';
  rows: (store: EmulatorStore) => readonly R[];
  /** Rows that no longer exist (deleted webhooks) are skipped everywhere. */
  exists?: (row: R) => boolean;
  /** Rows are not the table's own (`/entity/assortment` lists goods of several tables). */
  virtual?: boolean;
  fields: Record<string, FieldSpec<R>>;
  sortable: readonly string[];
  /** Strings `search=` looks in; documents match substrings, dictionaries match word beginnings. */
  search?: (row: R, index: number, store: EmulatorStore) => readonly (string | undefined)[];
  /** Values `fields=` accepts for this type. */
  hiddenFields?: readonly string[];
  /** Custom fields, filtered by the href of their metadata (`…/metadata/attributes/<id>`). */
  attributes?: (store: EmulatorStore) => { index: number; spec: FieldSpec<R> }[];
  serialize: (row: R, index: number, ctx: RenderContext) => JsonObject;
  collections?: Record<string, CollectionDef>;
}

/** The loosely typed view the generic routes work with. */
export type AnyEntityDef = EntityDef<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function defineEntity<R>(def: EntityDef<R>): EntityDef<R> {
  return def;
}
