import type { z } from 'zod';
import type { ListEnvelope } from './schemas/common';
import { parseRow, type InvalidRow } from './validation';

/** Largest page MoySklad serves, and the largest it serves with `expand` or `fields`. */
export const MAX_PAGE_SIZE = 1000;
export const MAX_EXPANDED_PAGE_SIZE = 100;

/** One page of a listing, its rows validated one by one. */
export interface Page<T> {
  /** Rows that matched the schema, in server order. */
  rows: T[];
  /** Rows that did not, each with its id and issues; never silently dropped. */
  invalid: InvalidRow[];
  offset: number;
  limit: number;
  /** Rows matching the query when this page was served (`meta.size`). */
  size: number;
}

export interface PagingOptions {
  /**
   * Page requests kept in flight (default 1: the next page loads while the current one is
   * used). Pages are always yielded in order; the rate limiter keeps the pace.
   */
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
}

export type FetchPage = (
  offset: number,
  limit: number,
  signal: AbortSignal,
) => Promise<ListEnvelope>;

/**
 * Walks a listing by `offset`/`limit` until `meta.size` rows are covered, re-reading the size
 * from every page (it moves while rows are added or removed). Rows are validated one at a time
 * so that a single odd row is reported, not fatal.
 */
export async function* pageStream<S extends z.ZodType>(
  fetchPage: FetchPage,
  schema: S,
  start: { offset: number; limit: number },
  options: PagingOptions = {},
): AsyncGenerator<Page<z.output<S>>> {
  const { limit } = start;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  // Aborts prefetched pages when the consumer stops early.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const inFlight: Array<{ offset: number; envelope: Promise<ListEnvelope> }> = [];
  const request = (offset: number) => {
    const envelope = fetchPage(offset, limit, signal);
    // Failures surface when the page's turn comes; until then they must not go unhandled.
    envelope.catch(() => undefined);
    inFlight.push({ offset, envelope });
  };

  try {
    request(start.offset);
    let nextOffset = start.offset + limit;
    for (;;) {
      const current = inFlight.shift();
      if (!current) return;
      const envelope = await current.envelope;
      // An empty page before `size` is reached means rows vanished meanwhile: nothing follows.
      const exhausted = envelope.rows.length === 0;
      // Ask for the next pages before handing this one over, so they load while it is used.
      while (!exhausted && inFlight.length < concurrency && nextOffset < envelope.meta.size) {
        request(nextOffset);
        nextOffset += limit;
      }
      yield toPage(envelope, schema, current.offset, limit);
      if (exhausted) return;
    }
  } finally {
    stop.abort();
  }
}

function toPage<S extends z.ZodType>(
  envelope: ListEnvelope,
  schema: S,
  offset: number,
  limit: number,
): Page<z.output<S>> {
  const page: Page<z.output<S>> = {
    rows: [],
    invalid: [],
    offset,
    limit,
    size: envelope.meta.size,
  };
  envelope.rows.forEach((raw, index) => {
    const result = parseRow(schema, raw, offset + index);
    if (result.ok) page.rows.push(result.value);
    else page.invalid.push(result.invalid);
  });
  return page;
}

/** How many rows to ask for: as many as the server serves for this kind of query. */
export function pageLimit(
  requested: number | undefined,
  expanded: boolean,
  endpointMax = MAX_PAGE_SIZE,
): number {
  // Above 100, MoySklad silently ignores `expand` and `fields` rather than failing.
  const cap = expanded ? Math.min(MAX_EXPANDED_PAGE_SIZE, endpointMax) : endpointMax;
  if (requested === undefined) return cap;
  if (!Number.isInteger(requested) || requested < 1)
    throw new RangeError(`Invalid limit ${requested}`);
  return Math.min(requested, cap);
}
