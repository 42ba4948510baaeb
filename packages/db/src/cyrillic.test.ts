import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './testing';

/** Russian text must work in the database itself: case folding, search, similarity and sorting. */
describe('Cyrillic text in PostgreSQL', () => {
  const db = useTestDatabase();

  it('stores UTF-8 and folds case, including Ё', async () => {
    const [row] = await db().prisma.$queryRaw<{ encoding: string; lower: string; upper: string }[]>`
      SELECT pg_encoding_to_char(encoding) AS encoding, lower('ПРИВЕТ, ЁЖИК') AS lower, upper('щука и ёрш') AS upper
        FROM pg_database WHERE datname = current_database()`;
    expect(row).toEqual({ encoding: 'UTF8', lower: 'привет, ёжик', upper: 'ЩУКА И ЁРШ' });
  });

  it('matches case-insensitively with ILIKE', async () => {
    const rows = await db().prisma.$queryRaw<{ name: string }[]>`
      SELECT name FROM (VALUES ('Молоко 3,2%'), ('МОЛОКО топлёное'), ('Кефир')) v(name)
       WHERE name ILIKE ${'%молоко%'} ORDER BY name COLLATE "ru-x-icu"`;
    expect(rows.map((r) => r.name)).toEqual(['Молоко 3,2%', 'МОЛОКО топлёное']);
  });

  it('ranks trigram similarity on Russian words', async () => {
    const rows = await db().prisma.$queryRaw<{ name: string; score: number }[]>`
      SELECT name, similarity(name, ${'молоко'})::float AS score
        FROM (VALUES ('Молоко пастеризованное'), ('Молочный коктейль'), ('Хлеб бородинский')) v(name)
       ORDER BY score DESC`;
    expect(rows.map((r) => r.name)).toEqual(['Молоко пастеризованное', 'Молочный коктейль', 'Хлеб бородинский']);
    expect(rows[0]!.score).toBeGreaterThan(0.3);
    expect(rows[2]!.score).toBe(0);
  });

  it('sorts in Russian alphabetical order with the ru-x-icu collation', async () => {
    const words = ['яблоко', 'Жук', 'Ёлка', 'ёж', 'еда', 'абрикос'];
    const icu = await db().prisma.$queryRaw<{ w: string }[]>`
      SELECT w FROM unnest(${words}::text[]) w ORDER BY w COLLATE "ru-x-icu"`;
    expect(icu.map((r) => r.w)).toEqual(['абрикос', 'еда', 'ёж', 'Ёлка', 'Жук', 'яблоко']);

    // Byte order puts Ё before А and ё after я: the reason every Russian sort names the collation.
    const bytes = await db().prisma.$queryRaw<{ w: string }[]>`
      SELECT w FROM unnest(${words}::text[]) w ORDER BY w COLLATE "C"`;
    expect(bytes.map((r) => r.w)).toEqual(['Ёлка', 'Жук', 'абрикос', 'еда', 'яблоко', 'ёж']);
  });
});
