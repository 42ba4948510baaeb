import { escapeValue } from './filter';

/**
 * Splits ids into batches for `filter=id=a;id=b;...` requests. MoySklad refuses request headers
 * over 8 KB (URL, Authorization and the rest together), so each batch's URL is kept within
 * `maxUrlLength`, measured exactly as it will be encoded.
 */
export function idBatches(
  ids: readonly string[],
  urlFor: (ids: readonly string[]) => URL,
  maxUrlLength: number,
  maxPerBatch: number,
): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = 0;
  for (const id of new Set(ids)) {
    if (batch.length > 0) {
      // Each further id adds `;id=<id>` to the filter, form-encoded.
      const extra = encodedLength(`;id=${escapeValue(id)}`);
      if (batch.length < maxPerBatch && length + extra <= maxUrlLength) {
        batch.push(id);
        length += extra;
        continue;
      }
      batches.push(batch);
    }
    batch = [id];
    length = urlFor(batch).href.length;
    if (length > maxUrlLength) {
      throw new RangeError(`A request for id "${id}" alone exceeds ${maxUrlLength} characters`);
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function encodedLength(text: string): number {
  return new URLSearchParams({ v: text }).toString().length - 'v='.length;
}
