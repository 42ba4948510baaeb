/**
 * An exact decimal: kopecks, quantities, percents. Pass what the source sent, as a string or a
 * number; it reaches PostgreSQL as text and is rounded once, by the column's NUMERIC scale (half
 * away from zero), never through a float multiplication.
 */
export type Decimal = string | number;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The SQL types synced columns use; each knows how a page of values travels to PostgreSQL. */
export type SqlType =
  | 'text'
  | 'boolean'
  | 'integer'
  | 'bigint'
  | 'money'
  | 'quantity'
  | 'percent'
  | 'rate'
  | 'timestamptz'
  | 'jsonb'
  | 'text[]'
  | 'uuid'
  | 'document_type';

/**
 * One column of a synced table. `optional` columns may be left out of a row: they are stored as
 * NULL, or as `fallback` when the column is NOT NULL with a default.
 */
export type Column<T = unknown, Optional extends boolean = boolean> = {
  readonly kind: 'column';
  readonly type: SqlType;
  readonly optional: Optional;
  /** SQL literal written when the value is absent. */
  readonly fallback?: string;
  /** Phantom: the TypeScript type of a value. */
  readonly value?: T;
};

function columnType<T>(type: SqlType) {
  const required = (): Column<T, false> => ({ kind: 'column', type, optional: false });
  return Object.assign(required, {
    /** May be absent: stored as NULL. */
    nullable: (): Column<T, true> => ({ kind: 'column', type, optional: true }),
    /** May be absent: stored as `fallback` (an SQL literal). */
    or: (fallback: string): Column<T, true> => ({ kind: 'column', type, optional: true, fallback }),
  });
}

export const text = columnType<string>('text');
export const boolean = columnType<boolean>('boolean');
export const integer = columnType<number>('integer');
export const bigint = columnType<number | bigint>('bigint');
/** NUMERIC(20,4): kopecks. */
export const money = columnType<Decimal>('money');
/** NUMERIC(18,3): quantities. */
export const quantity = columnType<Decimal>('quantity');
/** NUMERIC(9,4): percents such as a discount. */
export const percent = columnType<Decimal>('percent');
/** NUMERIC(20,10): exchange rates. */
export const rate = columnType<Decimal>('rate');
export const timestamptz = columnType<Date>('timestamptz');
export const jsonb = columnType<Json>('jsonb');
export const uuid = columnType<string>('uuid');
/** Absent means empty. */
export const textArray = (): Column<string[], true> => ({
  kind: 'column',
  type: 'text[]',
  optional: true,
});
