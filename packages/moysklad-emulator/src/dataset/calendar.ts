import type { Random } from '../random/prng';
import { DAY, mskMonth } from '../time/moscow';

/** How busy a day is and how demand spreads over the catalogue. */

/** Share of picks that land on rank k when picking ⌊n·u^e⌋. */
export function pickShare(rank: number, n: number, exponent: number): number {
  return Math.pow((rank + 1) / n, 1 / exponent) - Math.pow(rank / n, 1 / exponent);
}

/** Poisson-distributed count (normal approximation for large means). */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(random.normal(mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

/** Demand through the year: a December peak, a January lull, a summer dip, and slow growth. */
export function seasonality(moment: number, start: number): number {
  const month = mskMonth(moment);
  const monthly = [0.75, 0.85, 1.0, 0.95, 1.0, 0.9, 0.85, 0.9, 1.05, 1.1, 1.2, 1.45][month]!;
  const growth = 1 + (0.18 * (moment - start)) / (365 * DAY);
  return monthly * growth;
}

export const RETAIL_WEEKDAY = [1.3, 0.8, 0.85, 0.9, 1.0, 1.2, 1.45];
export const B2B_WEEKDAY = [0.08, 1.1, 1.15, 1.1, 1.05, 1.0, 0.15];
