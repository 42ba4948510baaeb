import { ENTITY_TAGS, type IdTag } from './model/types';
import { hash32, mix32 } from './random/prng';

/**
 * Ids look like the time-based UUIDs MoySklad hands out (`xxxxxxxx-xxxx-11ef-xxxx-xxxxxxxxxxxx`),
 * but the last group carries the table tag and the row index. That lets a request find a row
 * without an id→row map (which would cost more memory than the rows themselves at the `large`
 * size); the leading groups are a keyed hash of the same numbers, so a forged or foreign id fails
 * the round trip and reads as "not found".
 */
export class IdCodec {
  private readonly key: number;
  private readonly byTag = new Map<number, IdTag>();

  constructor(seed: number) {
    this.key = hash32('ids', seed);
    for (const [name, tag] of Object.entries(ENTITY_TAGS)) this.byTag.set(tag, name as IdTag);
  }

  encode(table: IdTag, index: number): string {
    const tag = ENTITY_TAGS[table];
    const h1 = mix32(this.key ^ Math.imul(tag + 1, 0x9e3779b1) ^ index);
    const h2 = mix32(h1 ^ Math.floor(index / 4294967296) ^ 0x5bd1e995);
    const first = h1.toString(16).padStart(8, '0');
    const second = (h2 >>> 16).toString(16).padStart(4, '0');
    const fourth = (0x8000 | (h2 & 0x3fff)).toString(16);
    const last = tag.toString(16).padStart(2, '0') + index.toString(16).padStart(10, '0');
    return `${first}-${second}-11ef-${fourth}-${last}`;
  }

  /** The table and row an id names, or null when it is not one of ours. */
  decode(id: string): { table: IdTag; index: number } | null {
    const lower = id.toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-11ef-[0-9a-f]{4}-[0-9a-f]{12}$/.test(lower)) return null;
    const last = lower.slice(24);
    const table = this.byTag.get(parseInt(last.slice(0, 2), 16));
    if (!table) return null;
    const index = parseInt(last.slice(2), 16);
    return this.encode(table, index) === lower ? { table, index } : null;
  }
}

const EXTERNAL_CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A 22-character external code like those MoySklad generates, derived rather than stored. */
export function externalCodeFor(seed: number, table: IdTag, index: number): string {
  let out = '';
  let h = 0;
  for (let i = 0; i < 22; i++) {
    // Five characters of six bits each per 32-bit hash.
    if (i % 5 === 0) h = hash32('externalCode', seed, table, index, i);
    out += EXTERNAL_CODE_ALPHABET[h & 63];
    h >>>= 6;
  }
  return out;
}
