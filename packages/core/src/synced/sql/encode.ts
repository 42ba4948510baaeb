import type { SqlType } from '../spec/columns';

/** The array type a page of values of each column type is sent as (one unnest parameter). */
export const ARRAY_TYPE: Record<SqlType, string> = {
  text: 'text[]',
  boolean: 'boolean[]',
  integer: 'integer[]',
  bigint: 'bigint[]',
  money: 'numeric[]',
  quantity: 'numeric[]',
  percent: 'numeric[]',
  rate: 'numeric[]',
  timestamptz: 'timestamptz[]',
  jsonb: 'jsonb[]',
  // A list per row cannot be an element of a PostgreSQL array (they must be rectangular), so
  // each travels as a JSON array and is unpacked in SQL.
  'text[]': 'jsonb[]',
  uuid: 'uuid[]',
  document_type: 'document_type[]',
};

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A row carries a value the column cannot take: a mapping bug, reported with the column's name. */
export class SyncedValueError extends TypeError {
  constructor(where: string, expected: string, value: unknown) {
    super(
      `${where} must be ${expected}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
    );
    this.name = 'SyncedValueError';
  }
}

/**
 * One value as an element of its column's unnest array. Decimals go as text so that PostgreSQL
 * parses the digits the source sent (a JS number prints as its shortest round-trip form, which is
 * what JSON carried) and rounds them once to the column's scale.
 */
export function encodeValue(type: SqlType, value: unknown, where: string): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'money':
    case 'quantity':
    case 'percent':
    case 'rate':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value === 'string' && DECIMAL.test(value)) return value;
      throw new SyncedValueError(where, 'a finite decimal (number or numeric string)', value);
    case 'timestamptz':
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      throw new SyncedValueError(where, 'a valid Date', value);
    case 'integer':
      if (Number.isSafeInteger(value)) return value;
      throw new SyncedValueError(where, 'an integer', value);
    case 'bigint':
      if (typeof value === 'bigint' || Number.isSafeInteger(value)) return String(value);
      throw new SyncedValueError(where, 'an integer', value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw new SyncedValueError(where, 'a boolean', value);
    case 'jsonb':
      return JSON.stringify(value);
    case 'text[]':
      if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
        return JSON.stringify(value);
      throw new SyncedValueError(where, 'an array of strings', value);
    case 'text':
    case 'uuid':
    case 'document_type':
      if (typeof value === 'string') return value;
      throw new SyncedValueError(where, 'a string', value);
  }
}
