import { z } from 'zod';
import { idFromHref } from './schemas/common';

/** A row that came back from MoySklad but does not match its schema. */
export interface InvalidRow {
  /** The row's id, or the last segment of its `meta.href` (report rows have no id). */
  id: string | undefined;
  href: string | undefined;
  /** Position of the row in the whole listing (offset + index within the page). */
  position: number;
  issues: z.core.$ZodIssue[];
  /** Human-readable summary of the issues. */
  message: string;
  /** The row exactly as received. */
  raw: unknown;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; invalid: InvalidRow };

/** Validates one row, describing a failure by the row's identity rather than throwing. */
export function parseRow<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  position: number,
): RowResult<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, invalid: describeInvalid(raw, position, result.error) };
}

export function describeInvalid(raw: unknown, position: number, error: z.ZodError): InvalidRow {
  const { id, href } = identify(raw);
  return { id, href, position, issues: error.issues, message: z.prettifyError(error), raw };
}

function identify(raw: unknown): { id: string | undefined; href: string | undefined } {
  if (typeof raw !== 'object' || raw === null) return { id: undefined, href: undefined };
  const record = raw as { id?: unknown; meta?: { href?: unknown } };
  const href = typeof record.meta?.href === 'string' ? record.meta.href : undefined;
  const id = typeof record.id === 'string' ? record.id : href ? idFromHref(href) : undefined;
  return { id, href };
}
