import { describe, expect, it } from 'vitest';
import { filter } from '../src/index';
import { idBatches } from '../src/batch';
import { ids } from './support/server';

const base = 'https://api.moysklad.ru/api/remap/1.2/entity/product';

function urlFor(batch: readonly string[]) {
  const url = new URL(base);
  url.searchParams.set('filter', filter().archived('any').ids(batch).toString());
  url.searchParams.set('limit', '1000');
  return url;
}

describe('id batches', () => {
  const uuids = Array.from(
    { length: 1000 },
    (_, i) => `${i.toString(16).padStart(8, '0')}-7df6-11e8-7e04-3e5a00000097`,
  );

  it('keeps every URL within the limit and covers every id once, in order', () => {
    const batches = idBatches(uuids, urlFor, 7168, 1000);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(uuids);
    for (const batch of batches) expect(urlFor(batch).href.length).toBeLessThanOrEqual(7168);
    // Batches are filled: adding the next id would have crossed the limit.
    const [first, second] = batches;
    expect(urlFor([...first!, second![0]!]).href.length).toBeGreaterThan(7168);
  });

  it('caps a batch at the page size', () => {
    const batches = idBatches(ids(250), urlFor, 1_000_000, 100);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it('drops duplicates', () => {
    expect(idBatches(['a', 'b', 'a'], urlFor, 7168, 100)).toEqual([['a', 'b']]);
  });

  it('refuses an id that cannot fit at all', () => {
    expect(() => idBatches(['x'.repeat(200)], urlFor, 150, 100)).toThrow(RangeError);
  });
});
