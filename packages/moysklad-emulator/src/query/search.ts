import type { AnyEntityDef } from '../model/entity';
import type { EmulatorStore } from '../store/store';

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Context search (`search=`): every word of the query must be found in one of the type's main
 * strings. Documents match substrings; dictionaries match the beginnings of words (`120` finds
 * `12003`). Results come sorted by relevance: matches at the start of the first string first.
 */
export function searchIndices(
  def: AnyEntityDef,
  rows: readonly unknown[],
  indices: number[],
  query: string,
  store: EmulatorStore,
): number[] {
  const words = query.toLowerCase().match(WORD) ?? [];
  if (words.length === 0 || !def.search) return indices;
  const substring = def.kind === 'document';
  const scored: { index: number; score: number }[] = [];
  for (const index of indices) {
    const texts = def
      .search(rows[index], index, store)
      .filter((t): t is string => !!t)
      .map((t) => t.toLowerCase());
    let matched = true;
    for (const word of words) {
      const hit = texts.some((t) =>
        substring ? t.includes(word) : (t.match(WORD) ?? []).some((w) => w.startsWith(word)),
      );
      if (!hit) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    const first = texts[0] ?? '';
    const score = first === query.toLowerCase() ? 0 : first.startsWith(words[0]!) ? 1 : 2;
    scored.push({ index, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.index);
}
