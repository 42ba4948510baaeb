import { z } from 'zod';
import { queryInt } from './query';

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 500;

/**
 * Keyset pagination: the cursor is an opaque token that encodes the last row's sort key and id,
 * so a deep page costs what the first one does. Clients pass `nextCursor` back unchanged.
 */
export const cursorSchema = z.string().min(1).max(1024);

export type CursorPayload = { sort: string; key: unknown; id: string };

/**
 * Base input of every list procedure. `sortKeys` names the sortable fields; the default sort is the
 * first key ascending unless given (`-createdAt` for newest first).
 */
export function listInput<const K extends readonly [string, ...string[]]>(
  sortKeys: K,
  defaultSort: K[number] | `-${K[number]}` = sortKeys[0],
) {
  type Sort = K[number] | `-${K[number]}`;
  const sortValues = sortKeys.flatMap((k) => [k, `-${k}`]) as [Sort, ...Sort[]];
  return z.object({
    limit: queryInt().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
    cursor: cursorSchema.optional(),
    sort: z
      .enum(sortValues)
      .default(defaultSort as never)
      .describe('Sort field; prefix with "-" for descending order'),
  });
}

export function listOutput<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    nextCursor: z.string().nullable(),
  });
}

export type ListOutput<T> = { items: T[]; total: number; nextCursor: string | null };
