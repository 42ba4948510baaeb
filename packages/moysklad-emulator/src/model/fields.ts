import { externalCodeFor } from '../ids';
import type { EmulatorStore } from '../store/store';
import { OPS, type FieldSpec, type FilterOperator } from './entity';
import type { IdTag } from './types';

/** Field specs most entities share, so each entity lists only what is its own. */

type Row = { updated: number; created?: number; owner?: number; archived?: boolean; name?: string };

export function idField<R>(table: IdTag): FieldSpec<R> {
  return { kind: 'uuid', ops: OPS.eq, get: (_row, index, store) => store.ids.encode(table, index) };
}

export function accountIdField<R>(): FieldSpec<R> {
  return { kind: 'uuid', ops: OPS.eq, get: (_row, _index, store) => store.accountId };
}

export function externalCodeField<R>(table: IdTag): FieldSpec<R> {
  return {
    kind: 'string',
    ops: OPS.like,
    get: (_row, index, store) => externalCodeFor(store.seed, table, index),
  };
}

export function text<R>(
  get: (row: R, index: number, store: EmulatorStore) => string | undefined,
  ops: readonly FilterOperator[] = OPS.like,
): FieldSpec<R> {
  return { kind: 'string', ops, get: (row, index, store) => get(row, index, store) ?? null };
}

export function numeric<R>(
  get: (row: R, index: number, store: EmulatorStore) => number | null,
  ops: readonly FilterOperator[] = OPS.range,
): FieldSpec<R> {
  return { kind: 'number', ops, get };
}

export function flag<R>(
  get: (row: R, index: number, store: EmulatorStore) => boolean,
): FieldSpec<R> {
  return { kind: 'boolean', ops: OPS.eq, get };
}

export function moment<R>(
  get: (row: R, index: number, store: EmulatorStore) => number | null,
): FieldSpec<R> {
  return {
    kind: 'datetime',
    ops: OPS.range,
    get: (row, index, store) => get(row, index, store) || null,
  };
}

/** A reference field filtered by href: the row value is the id of the row it points at. */
export function reference<R>(
  table: IdTag,
  get: (row: R, index: number, store: EmulatorStore) => number,
  refTypes: readonly string[] = [table],
): FieldSpec<R> {
  return {
    kind: 'ref',
    ops: OPS.eq,
    refTypes,
    get: (row, index, store) => {
      const target = get(row, index, store);
      return target < 0 ? null : store.ids.encode(table, target);
    },
  };
}

/** id, accountId, externalCode, updated, owner, shared, group, and name/archived where the row has them. */
export function standardFields<R extends Row>(
  table: IdTag,
  options: { name?: boolean; archived?: boolean; created?: boolean } = {},
): Record<string, FieldSpec<R>> {
  const fields: Record<string, FieldSpec<R>> = {
    id: idField(table),
    accountId: accountIdField(),
    externalCode: externalCodeField(table),
    updated: moment((row) => row.updated),
    owner: reference('employee', (row) => row.owner ?? -1),
    group: reference('group', () => 0),
    shared: flag(() => true),
  };
  if (options.name !== false) fields.name = text((row) => row.name);
  if (options.archived) fields.archived = flag((row) => row.archived ?? false);
  if (options.created) fields.created = moment((row) => row.created ?? null);
  return fields;
}
