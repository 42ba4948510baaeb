import { describe, expect, it } from 'vitest';
import { parseFilter } from '../src/query/filter';
import { formatMsk, parseMsk } from '../src/time/moscow';
import { call, get, getAll, tinyEmulator } from './helpers';

describe('filter grammar', () => {
  it('splits on ; but keeps \\; and reads every operator', () => {
    expect(
      parseFilter(['name~a\\;b;sum>=10;code=~x;code~=y;moment<2026-01-01 00:00;name!=;id=abc']),
    ).toEqual([
      { field: 'name', op: '~', value: 'a;b' },
      { field: 'sum', op: '>=', value: '10' },
      { field: 'code', op: '=~', value: 'x' },
      { field: 'code', op: '~=', value: 'y' },
      { field: 'moment', op: '<', value: '2026-01-01 00:00' },
      { field: 'name', op: '!=', value: '' },
      { field: 'id', op: '=', value: 'abc' },
    ]);
    expect(parseFilter(['a=1', 'b<=2'])).toHaveLength(2);
  });

  it('reads Moscow time with minutes, seconds or milliseconds', () => {
    const t = parseMsk('2026-03-08 12:30')!;
    expect(formatMsk(t)).toBe('2026-03-08 12:30:00.000');
    expect(parseMsk('2026-03-08 12:30:15')! - t).toBe(15_000);
    expect(parseMsk('2026-03-08 12:30:15.5')! - t).toBe(15_500);
    expect(new Date(t).toISOString()).toBe('2026-03-08T09:30:00.000Z');
    for (const bad of ['2026-03-08', '2026-03-08T12:30:00', '08.03.2026 12:30', '2026-02-30 10:00'])
      expect(parseMsk(bad)).toBeNull();
  });
});

describe('filter', () => {
  const emulator = tinyEmulator();
  const q = (s: string) => encodeURIComponent(s);

  it('= on one field repeated is OR; != repeated is AND', async () => {
    const products = (await get(emulator, '/entity/product?limit=3')).rows;
    const [a, b, c] = products.map((p: { code: string }) => p.code);
    const either = await get(emulator, `/entity/product?filter=${q(`code=${a};code=${b}`)}`);
    expect(either.rows.map((r: { code: string }) => r.code).sort()).toEqual([a, b].sort());
    const all = await get(emulator, '/entity/product');
    const neither = await get(
      emulator,
      `/entity/product?filter=${q(`code!=${a};code!=${b};code!=${c}`)}`,
    );
    expect(neither.meta.size).toBe(all.meta.size - 3);
  });

  it('compares numbers and dates, and combines fields with AND', async () => {
    const docs = await getAll(emulator, '/entity/demand');
    const bound = docs[Math.floor(docs.length / 2)].moment as string;
    const since = await getAll(
      emulator,
      `/entity/demand?filter=${q(`moment>=${bound};sum>100000`)}`,
    );
    const expected = docs.filter((d) => d.moment >= bound && d.sum > 100000);
    expect(since.map((d) => d.id)).toEqual(expected.map((d) => d.id));
    const before = await getAll(
      emulator,
      `/entity/demand?filter=${q(`moment<${bound.slice(0, 16)}`)}`,
    );
    expect(before.every((d) => d.moment < bound.slice(0, 16))).toBe(true);
    const updated = await getAll(
      emulator,
      `/entity/demand?filter=${q(`updated>=${bound};updated<=${formatMsk(Date.now())}`)}`,
    );
    expect(updated.every((d) => d.updated >= bound)).toBe(true);
  });

  it('~ contains, ~= starts with, =~ ends with, case-insensitively', async () => {
    const all = await getAll(emulator, '/entity/product');
    const word = (all[0].name as string).split(' ')[0]!;
    const contains = await getAll(
      emulator,
      `/entity/product?filter=${q(`name~${word.slice(1, 4).toUpperCase()}`)}`,
    );
    expect(contains.map((p) => p.id)).toEqual(
      all
        .filter((p) => p.name.toLowerCase().includes(word.slice(1, 4).toLowerCase()))
        .map((p) => p.id),
    );
    const starts = await getAll(emulator, `/entity/product?filter=${q(`name~=${word}`)}`);
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.every((p) => p.name.startsWith(word))).toBe(true);
    const ends = await getAll(
      emulator,
      `/entity/product?filter=${q(`article=~${all[0].article.slice(-3)}`)}`,
    );
    expect(ends.every((p) => p.article.endsWith(all[0].article.slice(-3)))).toBe(true);
  });

  it('filters references by href and ids by id', async () => {
    const agent = (await get(emulator, '/entity/demand?limit=1')).rows[0].agent.meta.href as string;
    const theirs = await getAll(emulator, `/entity/demand?filter=${q(`agent=${agent}`)}`);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((d) => d.agent.meta.href === agent)).toBe(true);
    const ids = theirs.slice(0, 2).map((d) => d.id);
    const byId = await getAll(
      emulator,
      `/entity/demand?filter=${q(ids.map((id) => `id=${id}`).join(';'))}`,
    );
    expect(byId.map((d) => d.id).sort()).toEqual([...ids].sort());
    const state = (await get(emulator, '/entity/customerorder/metadata')).states[0];
    const byState = await getAll(
      emulator,
      `/entity/customerorder?filter=${q(`state.name=${state.name}`)}`,
    );
    expect(byState.every((o) => o.state.meta.href === state.meta.href)).toBe(true);
  });

  it('folder filters include subfolders unless withSubFolders=false', async () => {
    const top = (await get(emulator, '/entity/productfolder?filter=pathName=')).rows[0];
    const deep = await getAll(
      emulator,
      `/entity/product?filter=${q(`productFolder=${top.meta.href}`)}`,
    );
    expect(deep.length).toBeGreaterThan(0);
    expect(deep.every((p) => p.pathName.startsWith(top.name))).toBe(true);
    const shallow = await getAll(
      emulator,
      `/entity/product?filter=${q(`productFolder=${top.meta.href};withSubFolders=false`)}`,
    );
    expect(shallow).toHaveLength(0);
    const withGoods = await getAll(
      emulator,
      `/entity/demand?filter=${q(`assortment=${top.meta.href}`)}`,
    );
    expect(withGoods.length).toBeGreaterThan(0);
  });

  it('= with nothing is "no value", != with nothing is "has a value"', async () => {
    const all = await getAll(emulator, '/entity/counterparty');
    const noInn = await getAll(emulator, '/entity/counterparty?filter=inn=');
    const withInn = await getAll(emulator, '/entity/counterparty?filter=inn!=');
    expect(noInn.length + withInn.length).toBe(all.length);
    expect(noInn.every((c) => !c.inn)).toBe(true);
    expect(withInn.every((c) => !!c.inn)).toBe(true);
  });

  it('matches list fields such as tags element by element', async () => {
    const tagged = await getAll(emulator, '/entity/counterparty?filter=tags=поставщик');
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((c) => c.tags.includes('поставщик'))).toBe(true);
  });

  it.each([
    ['moment>2026-13-01 00:00', 1035],
    ['moment>вчера', 1035],
    ['flavour=sweet', 1034],
    ['sum=100;sum>99', 1034],
    ['sum>abc', 1014],
    ['applicable=maybe', 1014],
    ['agent=not-a-href', 1014],
    ['moment~2026', 1034],
    ['isDeleted=yes', 1014],
  ])('refuses %s with %i', async (filter, code) => {
    const response = await call(emulator, `/entity/demand?filter=${q(filter)}`);
    expect(response.status).toBe(412);
    expect(response.body.errors[0].code).toBe(code);
  });

  it('refuses an enum value outside its set with 1041', async () => {
    const response = await call(emulator, '/entity/counterparty?filter=companyType=corporation');
    expect(response.body.errors[0].code).toBe(1041);
  });

  it('of repeated comparisons of one kind only the first counts', async () => {
    const a = await get(emulator, `/entity/demand?filter=${q('sum>1000;sum>100000000')}`);
    const b = await get(emulator, `/entity/demand?filter=${q('sum>1000')}`);
    expect(a.meta.size).toBe(b.meta.size);
  });

  it('filters by custom fields through their href', async () => {
    const attributes = await get(emulator, '/entity/product/metadata/attributes');
    const country = attributes.rows.find((a: { name: string }) => a.name === 'Страна производства');
    const russian = await getAll(
      emulator,
      `/entity/product?filter=${q(`${country.meta.href}=Россия`)}`,
    );
    expect(russian.length).toBeGreaterThan(0);
    for (const p of russian)
      expect(p.attributes.find((a: { id: string }) => a.id === country.id).value).toBe('Россия');
  });
});

describe('archived, drafts and the recycle bin', () => {
  const emulator = tinyEmulator();

  it('dictionaries hide archived rows unless asked', async () => {
    const visible = await getAll(emulator, '/entity/store');
    const archived = await getAll(emulator, '/entity/store?filter=archived=true');
    const both = await getAll(emulator, '/entity/store?filter=archived=true;archived=false');
    expect(visible.every((s) => !s.archived)).toBe(true);
    expect(archived.length).toBeGreaterThan(0);
    expect(archived.every((s) => s.archived)).toBe(true);
    expect(both).toHaveLength(visible.length + archived.length);
    const byId = await getAll(
      emulator,
      `/entity/store?filter=${encodeURIComponent(`id=${archived[0].id};archived=false`)}`,
    );
    expect(byId).toHaveLength(1);
  });

  it('documents in the recycle bin show only when asked, with `deleted` set', async () => {
    const present = await getAll(emulator, '/entity/demand');
    const trashed = await getAll(emulator, '/entity/demand?filter=isDeleted=true');
    const both = await getAll(emulator, '/entity/demand?filter=isDeleted=true;isDeleted=false');
    expect(trashed.length).toBeGreaterThan(0);
    expect(trashed.every((d) => typeof d.deleted === 'string')).toBe(true);
    expect(present.every((d) => d.deleted === undefined)).toBe(true);
    expect(both).toHaveLength(present.length + trashed.length);
    expect((await get(emulator, `/entity/demand/${trashed[0].id}`)).deleted).toBe(
      trashed[0].deleted,
    );
  });

  it('drafts are not posted and filter by applicable', async () => {
    const drafts = await getAll(emulator, '/entity/customerorder?filter=applicable=false');
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((d) => d.applicable === false)).toBe(true);
  });
});

describe('order and search', () => {
  const emulator = tinyEmulator();

  it('sorts by several fields, asc by default, missing values last', async () => {
    const rows = await getAll(emulator, '/entity/demand?order=sum,desc;name');
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i - 1].sum >= rows[i].sum).toBe(true);
      if (rows[i - 1].sum === rows[i].sum) expect(rows[i - 1].name <= rows[i].name).toBe(true);
    }
    const byMoment = await getAll(emulator, '/entity/supply?order=moment');
    expect(byMoment.map((d) => d.moment)).toEqual([...byMoment.map((d) => d.moment)].sort());
    const folders = await getAll(emulator, '/entity/counterparty?order=description');
    const firstMissing = folders.findIndex((p) => !p.description);
    expect(folders.slice(firstMissing).every((p) => !p.description)).toBe(true);
  });

  it('sorts text like MoySklad: punctuation ignored, Latin before Cyrillic', async () => {
    const names = (await getAll(emulator, '/entity/counterparty?order=name')).map(
      (c) => c.name as string,
    );
    const collator = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });
    expect(names).toEqual([...names].sort(collator.compare));
  });

  it('refuses unknown sort fields (1063) and directions', async () => {
    expect((await call(emulator, '/entity/product?order=colour')).body.errors[0].code).toBe(1063);
    expect((await call(emulator, '/entity/product?order=name,up')).body.errors[0].code).toBe(1042);
    expect(
      (await call(emulator, '/entity/demand?order=deliveryPlannedMoment')).body.errors[0].code,
    ).toBe(1063);
  });

  it('search finds word beginnings in dictionaries and substrings in documents', async () => {
    const product = (await get(emulator, '/entity/product?limit=1')).rows[0];
    const word = product.name.split(' ')[1].slice(0, 4);
    const found = await getAll(emulator, `/entity/product?search=${encodeURIComponent(word)}`);
    expect(found.map((p) => p.id)).toContain(product.id);
    const inside = word.slice(1);
    const notAtStart = await getAll(
      emulator,
      `/entity/product?search=${encodeURIComponent(inside)}`,
    );
    expect(
      notAtStart.every((p) =>
        `${p.name} ${p.code} ${p.article}`
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .some((w: string) => w.startsWith(inside.toLowerCase())),
      ),
    ).toBe(true);
    const demand = (await get(emulator, '/entity/demand?limit=1&offset=5')).rows[0];
    const byNumber = await getAll(emulator, `/entity/demand?search=${demand.name.slice(2)}`);
    expect(byNumber.map((d) => d.id)).toContain(demand.id);
  });
});
