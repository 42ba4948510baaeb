import type { CursorPayload, ListOutput } from '@crm/contracts';
import { DomainError } from '../errors';

type SortValue = string | number | Date;

export type SortSpec<Row> = {
  /** The Prisma field to order by. */
  field: string;
  /** The row's value of that field, to build the next cursor. */
  value: (row: Row) => SortValue;
  kind: 'string' | 'number' | 'date';
};

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

const badCursor = () =>
  new DomainError('BAD_REQUEST', { en: 'The cursor is not valid for this list', ru: 'Курсор не подходит для этого списка' }, [
    { path: ['cursor'], text: { en: 'not a cursor from this list', ru: 'курсор не из этого списка' } },
  ]);

export function decodeCursor(cursor: string, sort: string, kind: SortSpec<unknown>['kind']): { key: SortValue; id: string } {
  let payload: CursorPayload;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
  } catch {
    throw badCursor();
  }
  if (!payload || payload.sort !== sort || typeof payload.id !== 'string') throw badCursor();
  const key = kind === 'date' ? new Date(String(payload.key)) : payload.key;
  if ((kind === 'date' && Number.isNaN((key as Date).getTime())) || (kind !== 'date' && typeof key !== kind)) throw badCursor();
  return { key: key as SortValue, id: payload.id };
}

/**
 * Keyset pagination over a Prisma model: order by the sort field then id, and continue after the
 * cursor's (value, id), so page 1000 costs what page 1 does. Rows must have an `id`.
 */
export async function paginate<Row extends { id: string }>(options: {
  input: { limit: number; cursor?: string; sort: string };
  sorts: Record<string, SortSpec<Row>>;
  where: object;
  count: (args: { where: object }) => Promise<number>;
  findMany: (args: { where: object; orderBy: object[]; take: number }) => Promise<Row[]>;
}): Promise<ListOutput<Row>> {
  const { input } = options;
  const descending = input.sort.startsWith('-');
  const spec = options.sorts[descending ? input.sort.slice(1) : input.sort];
  if (!spec) throw badCursor();
  const direction = descending ? 'desc' : 'asc';
  const after = descending ? 'lt' : 'gt';

  let where = options.where;
  if (input.cursor) {
    const { key, id } = decodeCursor(input.cursor, input.sort, spec.kind);
    where = {
      AND: [where, { OR: [{ [spec.field]: { [after]: key } }, { [spec.field]: key, id: { [after]: id } }] }],
    };
  }
  const [total, rows] = await Promise.all([
    options.count({ where: options.where }),
    options.findMany({ where, orderBy: [{ [spec.field]: direction }, { id: direction }], take: input.limit + 1 }),
  ]);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? encodeCursor({ sort: input.sort, key: spec.kind === 'date' ? (spec.value(last) as Date).toISOString() : spec.value(last), id: last.id })
      : null;
  return { items, total, nextCursor };
}
