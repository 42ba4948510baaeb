import { errors } from '../http/errors';
import type { AnyEntityDef, FieldSpec, FieldValue, FilterOperator } from '../model/entity';
import type { EmulatorStore } from '../store/store';
import { parseMsk } from '../time/moscow';

/** One `<field><operator><value>` of the `filter` parameter. */
export interface Condition {
  field: string;
  op: FilterOperator;
  value: string;
}

const CONDITION = /^([^=<>!~]+?)(=~|~=|>=|<=|!=|=|>|<|~)(.*)$/s;

/**
 * Splits `filter` values into conditions: `;` separates them, `\;` is a literal semicolon, and
 * several `filter=` parameters add up.
 */
export function parseFilter(values: readonly string[]): Condition[] {
  const conditions: Condition[] = [];
  for (const raw of values) {
    for (const part of splitUnescaped(raw)) {
      if (part.trim() === '') continue;
      const m = CONDITION.exec(part);
      if (!m) throw errors.filter(`неверный формат условия '${part}'`);
      conditions.push({ field: m[1]!.trim(), op: m[2] as FilterOperator, value: m[3]! });
    }
  }
  return conditions;
}

function splitUnescaped(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && text[i + 1] === ';') {
      current += ';';
      i++;
    } else if (ch === ';') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

type Parsed = string | number | boolean | null;
type Test = (value: FieldValue) => boolean;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a condition's value as the field's type; the empty value means "no value". */
function parseValue(spec: FieldSpec<unknown>, field: string, raw: string): Parsed {
  if (raw === '') return null;
  switch (spec.kind) {
    case 'number': {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw errors.filterValue(raw, field);
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw errors.filterValue(raw, field);
      return raw === 'true';
    case 'datetime': {
      const t = parseMsk(raw);
      if (t === null || t < 0) throw errors.filterDate(field);
      return t;
    }
    case 'uuid':
      if (!UUID.test(raw)) throw errors.filterValue(raw, field);
      return raw.toLowerCase();
    case 'enum':
      if (spec.values && !spec.values.includes(raw))
        throw errors.filterEnum(raw, field, spec.values);
      return raw;
    case 'ref':
      return parseHref(spec, field, raw);
    default:
      return raw;
  }
}

/** A reference filter names its target by href: `…/entity/<type>/<id>`. */
function parseHref(spec: FieldSpec<unknown>, field: string, raw: string): string {
  const path = raw.split('?')[0]!;
  const m =
    /\/entity\/([a-z]+)\/([0-9a-fA-F-]{36})$/.exec(path) ??
    /\/metadata\/states\/([0-9a-fA-F-]{36})$/.exec(path);
  if (!m || !path.startsWith('http')) throw errors.filterValue(raw, field);
  if (m.length === 3) {
    if (spec.refTypes && !spec.refTypes.includes(m[1]!)) throw errors.filterValue(raw, field);
    return m[2]!.toLowerCase();
  }
  return m[1]!.toLowerCase();
}

function isEmpty(value: FieldValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function someOf(value: FieldValue, test: (v: string | number | boolean) => boolean): boolean {
  if (value === null) return false;
  if (Array.isArray(value)) return value.some((v) => test(v));
  return test(value as string | number | boolean);
}

function comparable(value: string | number | boolean): string | number {
  return typeof value === 'boolean'
    ? Number(value)
    : typeof value === 'string'
      ? value.toLowerCase()
      : value;
}

function likeTest(op: FilterOperator, needle: string): Test {
  const n = needle.toLowerCase();
  const check = (v: string | number | boolean) => {
    const text = String(v).toLowerCase();
    return op === '~' ? text.includes(n) : op === '~=' ? text.startsWith(n) : text.endsWith(n);
  };
  return (value) => someOf(value, check);
}

function rangeTest(op: FilterOperator, bound: string | number): Test {
  const check = (v: string | number | boolean) => {
    const x = comparable(v);
    return op === '>' ? x > bound : op === '<' ? x < bound : op === '>=' ? x >= bound : x <= bound;
  };
  return (value) => someOf(value, check);
}

function equalsAny(values: Parsed[]): Test {
  const wanted = values
    .filter((v) => v !== null)
    .map((v) => comparable(v as string | number | boolean));
  const empty = values.includes(null);
  return (value) =>
    (empty && isEmpty(value)) || someOf(value, (v) => wanted.includes(comparable(v)));
}

export interface CompiledFilter {
  test: (row: unknown, index: number) => boolean;
  /** `archived=…` conditions of a dictionary: which rows to show. */
  archived: 'active' | 'archived' | 'all';
  /** `isDeleted=…` conditions of a document list. */
  deleted: 'present' | 'trashed' | 'all';
}

/** Resolves `withSubFolders` and the folder hierarchy into a set of folder ids. */
function expandFolders(store: EmulatorStore, ids: Parsed[]): Parsed[] {
  const wanted = new Set(ids.filter((v): v is string => typeof v === 'string'));
  const result = new Set(wanted);
  store.folders.forEach((_f, i) => {
    for (let f = i; f >= 0; f = store.folders[f]!.parent) {
      if (wanted.has(store.ids.encode('productfolder', f))) {
        result.add(store.ids.encode('productfolder', i));
        break;
      }
    }
  });
  return [...result, ...(ids.includes(null) ? [null] : [])];
}

function specFor(
  def: AnyEntityDef,
  store: EmulatorStore,
  api: string,
  field: string,
): FieldSpec<unknown> {
  const spec = def.fields[field];
  if (spec) return spec;
  const attribute = /\/entity\/[a-z]+\/metadata\/attributes\/([0-9a-fA-F-]{36})$/.exec(field);
  if (attribute && field.startsWith(api) && def.attributes) {
    const decoded = store.ids.decode(attribute[1]!);
    const found = decoded && def.attributes(store).find((a) => a.index === decoded.index);
    if (found) return found.spec;
  }
  throw errors.filter(`Неизвестное поле фильтрации '${field}'`);
}

/**
 * Builds the row predicate for a list. Repeated `=` on a field means OR, repeated `!=` means AND,
 * different fields combine with AND, `=` together with a range on one field is an error, and of
 * repeated comparisons of one kind only the first counts (as the documentation describes).
 */
export function compileFilter(
  def: AnyEntityDef,
  conditions: readonly Condition[],
  store: EmulatorStore,
  api: string,
): CompiledFilter {
  const byField = new Map<string, Condition[]>();
  for (const c of conditions) {
    const list = byField.get(c.field);
    if (list) list.push(c);
    else byField.set(c.field, [c]);
  }
  const result: CompiledFilter = { test: () => true, archived: 'active', deleted: 'present' };
  if (def.kind !== 'dictionary' || !def.fields.archived || byField.has('id'))
    result.archived = 'all';

  let withSubFolders = true;
  const flagValues = (field: string, list: Condition[]) =>
    new Set(
      list.map((c) => {
        if (c.op !== '=' || (c.value !== 'true' && c.value !== 'false'))
          throw errors.filterValue(c.value, field);
        return c.value === 'true';
      }),
    );
  const sub = byField.get('withSubFolders');
  if (sub) {
    withSubFolders = flagValues('withSubFolders', sub).has(true);
    byField.delete('withSubFolders');
  }
  const deleted = byField.get('isDeleted');
  if (deleted) {
    if (def.kind !== 'document') throw errors.filter("Неизвестное поле фильтрации 'isDeleted'");
    const values = flagValues('isDeleted', deleted);
    result.deleted = values.size === 2 ? 'all' : values.has(true) ? 'trashed' : 'present';
    byField.delete('isDeleted');
  }
  const archived = byField.get('archived');
  if (
    archived &&
    def.kind === 'dictionary' &&
    def.fields.archived &&
    archived.every((c) => c.op === '=')
  ) {
    const values = flagValues('archived', archived);
    if (result.archived !== 'all')
      result.archived = values.size === 2 ? 'all' : values.has(true) ? 'archived' : 'active';
    byField.delete('archived');
  }

  const tests: { get: FieldSpec<unknown>['get']; test: Test }[] = [];
  for (const [field, list] of byField) {
    const spec = specFor(def, store, api, field);
    for (const c of list) {
      if (!spec.ops.includes(c.op))
        throw errors.filter(`оператор '${c.op}' не поддерживается для поля '${field}'`);
    }
    const equals = list.filter((c) => c.op === '=');
    const differs = list.filter((c) => c.op === '!=');
    const ranges = list.filter(
      (c) => c.op === '>' || c.op === '<' || c.op === '>=' || c.op === '<=',
    );
    const likes = list.filter((c) => c.op === '~' || c.op === '~=' || c.op === '=~');
    if (equals.length > 0 && ranges.length > 0) {
      throw errors.filter(
        `нельзя одновременно использовать условия равенства и сравнения для поля '${field}'`,
      );
    }
    const parse = (c: Condition) => parseValue(spec, field, c.value);
    if (equals.length > 0) {
      let values = equals.map(parse);
      if (spec.hierarchical && withSubFolders) values = expandFolders(store, values);
      tests.push({ get: spec.get, test: equalsAny(values) });
    }
    for (const c of differs) {
      let values = [parse(c)];
      if (spec.hierarchical && withSubFolders) values = expandFolders(store, values);
      const eq = equalsAny(values);
      tests.push({ get: spec.get, test: (v) => !eq(v) });
    }
    const seen = new Set<FilterOperator>();
    for (const c of ranges) {
      if (seen.has(c.op)) continue;
      seen.add(c.op);
      const bound = parse(c);
      if (bound === null) throw errors.filterValue(c.value, field);
      tests.push({ get: spec.get, test: rangeTest(c.op, comparable(bound)) });
    }
    for (const c of likes) {
      if (spec.kind !== 'string' && spec.kind !== 'strings')
        throw errors.filter(`оператор '${c.op}' применим только к строковым полям`);
      tests.push({ get: spec.get, test: likeTest(c.op, c.value) });
    }
  }
  if (tests.length > 0) {
    result.test = (row, index) => {
      for (const t of tests) if (!t.test(t.get(row, index, store))) return false;
      return true;
    };
  }
  return result;
}
