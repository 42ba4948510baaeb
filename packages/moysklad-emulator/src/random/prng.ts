/**
 * Seeded pseudo-random streams. Every table of the dataset draws from its own stream, derived from
 * the dataset seed and a label, so adding draws to one table never shifts the values of another.
 */

/** 32-bit string/number hash (FNV-1a followed by a murmur3 finaliser). */
export function hash32(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === 'number' ? String(part) : part;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** sfc32: small, fast and well distributed; plenty for synthetic data. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, label = '') {
    this.a = hash32(seed, label, 'a');
    this.b = hash32(seed, label, 'b');
    this.c = hash32(seed, label, 'c');
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index drawn with the given non-negative weights. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let roll = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      roll -= weights[i]!;
      if (roll < 0) return i;
    }
    return weights.length - 1;
  }

  /** Index in [0, n) skewed towards small indices (popular items first), exponent > 1 skews harder. */
  skewedIndex(n: number, exponent = 2): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), exponent)));
  }

  /** Approximately normal value (Irwin–Hall of four uniforms). */
  normal(mean: number, deviation: number): number {
    const sum = this.next() + this.next() + this.next() + this.next();
    return mean + (sum - 2) * deviation * Math.sqrt(3);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** Distinct indices in [0, n), in ascending order. */
  sample(n: number, count: number): number[] {
    const chosen = new Set<number>();
    const wanted = Math.min(n, count);
    while (chosen.size < wanted) chosen.add(Math.floor(this.next() * n));
    return [...chosen].sort((x, y) => x - y);
  }
}
