import { describe, expect, it } from 'vitest';
import { filter, searchParams, type Product } from '../src/index';

describe('filter builder', () => {
  it('writes each operator of the grammar', () => {
    const f = filter()
      .eq('name', 'Чай')
      .ne('code', '001')
      .gt('sum', 100)
      .lt('vatSum', 50.5)
      .gte('created', new Date('2024-03-01T09:00:00Z'))
      .lte('updated', new Date('2024-03-02T09:00:00.250Z'))
      .contains('description', 'зелёный')
      .startsWith('article', 'TEA')
      .endsWith('externalCode', '-x');
    expect(f.toString()).toBe(
      'name=Чай;code!=001;sum>100;vatSum<50.5;created>=2024-03-01 12:00:00;' +
        'updated<=2024-03-02 12:00:00.250;description~зелёный;article~=TEA;externalCode=~-x',
    );
  });

  it('repeats = for OR and != for AND', () => {
    expect(filter().eq('sum', [100, 150]).toString()).toBe('sum=100;sum=150');
    expect(filter().ne('name', ['0001', '0002']).toString()).toBe('name!=0001;name!=0002');
  });

  it('filters references by href, from a string, a meta or an object with meta', () => {
    const href = 'https://api.moysklad.ru/api/remap/1.2/entity/counterparty/5e6f';
    const f = filter()
      .ref('agent', href)
      .ref('store', [{ href: `${href}1` }, { meta: { href: `${href}2` } }]);
    expect(f.toString()).toBe(`agent=${href};store=${href}1;store=${href}2`);
  });

  it('selects ids, and archived, deleted or posted rows', () => {
    expect(filter().ids(['a', 'b']).toString()).toBe('id=a;id=b');
    expect(filter().archived('any').toString()).toBe('archived=true;archived=false');
    expect(filter().archived(false).toString()).toBe('archived=false');
    expect(filter().isDeleted('any').applicable(true).toString()).toBe(
      'isDeleted=true;isDeleted=false;applicable=true',
    );
  });

  it('checks for empty and present values', () => {
    expect(filter().isEmpty('project').isNotEmpty('state').toString()).toBe('project=;state!=');
  });

  it('escapes ; inside values', () => {
    expect(filter().eq('name', 'a;b').contains('description', ';').toString()).toBe(
      'name=a\\;b;description~\\;',
    );
  });

  it('accepts attribute hrefs and dotted paths as fields', () => {
    const attr = 'https://api.moysklad.ru/api/remap/1.2/entity/product/metadata/attributes/b83c';
    expect(filter().eq(attr, 'color').eq('state.name', ['Новый', 'Принят']).toString()).toBe(
      `${attr}=color;state.name=Новый;state.name=Принят`,
    );
  });

  it('refuses combinations the server rejects or half-applies', () => {
    expect(() => filter().eq('sum', 100).gt('sum', 99)).toThrow(/mix/);
    expect(() => filter().gt('sum', 99).eq('sum', 100)).toThrow(/mix/);
    expect(() => filter().gt('sum', 99).gt('sum', 100)).toThrow(/repeats/);
    expect(filter().gt('sum', 99).lt('sum', 200).toString()).toBe('sum>99;sum<200');
    expect(() => filter().eq('sum', [])).toThrow(/at least one/);
    expect(() => filter().eq('a;b', 1)).toThrow(/field/);
    expect(() => filter().eq('sum', Number.NaN)).toThrow();
  });

  it('is immutable and composable', () => {
    const base = filter().archived('any');
    const a = base.gte('updated', new Date('2024-01-01T00:00:00Z'));
    expect(base.toString()).toBe('archived=true;archived=false');
    expect(a.and(filter().ids(['x'])).toString()).toBe(
      'archived=true;archived=false;updated>=2024-01-01 03:00:00;id=x',
    );
    expect(() => filter().eq('sum', 1).and(filter().gt('sum', 0))).toThrow(/mix/);
  });

  it('suggests the entity fields when typed', () => {
    const f = filter<Product>().eq('article', 'TEA-100').eq('pathName', 'Чай');
    expect(f.toString()).toBe('article=TEA-100;pathName=Чай');
  });
});

describe('query parameters', () => {
  it('URL-encodes filter, order, search, expand and fields', () => {
    const params = searchParams({
      filter: filter().gte('updated', new Date('2024-03-01T00:00:00Z')).eq('name', 'a;b'),
      order: [['updated', 'asc'], 'id'],
      search: 'чай 100',
      expand: ['agent', 'positions.assortment'],
      fields: 'stock',
      params: { groupBy: 'variant', momentFrom: new Date('2024-01-01T00:00:00Z'), skip: undefined },
      limit: 100,
      offset: 200,
    });
    expect(Object.fromEntries(params)).toEqual({
      filter: 'updated>=2024-03-01 03:00:00;name=a\\;b',
      order: 'updated,asc;id',
      search: 'чай 100',
      expand: 'agent,positions.assortment',
      fields: 'stock',
      groupBy: 'variant',
      momentFrom: '2024-01-01 03:00:00',
      limit: '100',
      offset: '200',
    });
    expect(params.toString()).toContain(
      'filter=updated%3E%3D2024-03-01+03%3A00%3A00%3Bname%3Da%5C%3Bb',
    );
  });

  it('refuses expand deeper than 3 levels and more than one fields value', () => {
    expect(() => searchParams({ expand: 'a.b.c.d' })).toThrow(/deeper/);
    expect(searchParams({ expand: 'a.b.c' }).get('expand')).toBe('a.b.c');
    expect(() => searchParams({ fields: 'stock,declaration' })).toThrow(/single/);
  });
});
