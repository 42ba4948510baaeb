import { ident, type Plan, type Target } from './plan';

/**
 * `INSERT INTO table (integration_id, ...) SELECT $1, ... FROM unnest($2::type[], ...)`: a whole
 * page in one statement, whatever its size, with every value a bound parameter.
 */
export function insertSql(table: string, plan: Plan): string {
  const columns = ['integration_id', ...plan.targets.map((t) => t.column)].map(ident).join(', ');
  const values = ['$1::uuid', ...plan.targets.map((t) => t.expr)].join(', ');
  const params = plan.inputs.map((input, i) => `$${i + 2}::${input.arrayType}`).join(', ');
  const names = plan.inputs.map((input) => ident(input.name)).join(', ');
  return `INSERT INTO ${ident(table)} AS t (${columns})\nSELECT ${values}\n  FROM unnest(${params}) AS u(${names})`;
}

const newValue = (target: Target) =>
  target.keep
    ? `COALESCE(excluded.${ident(target.column)}, t.${ident(target.column)})`
    : `excluded.${ident(target.column)}`;

/**
 * The upsert tail. A conflicting row is updated only when `guard` holds and something differs
 * (or `changedToo` holds), so writing the same page twice touches nothing and reports nothing.
 */
export function onConflictSql(options: {
  key: string[];
  update: Target[];
  /** Further assignments on update, e.g. `"synced_at" = now()`. */
  assign: string[];
  guard?: string;
  changedToo?: string;
}): string {
  const set = [
    ...options.update.map((t) => `${ident(t.column)} = ${newValue(t)}`),
    ...options.assign,
  ];
  const stored = options.update.map((t) => `t.${ident(t.column)}`).join(', ');
  const incoming = options.update.map(newValue).join(', ');
  const differs = `(${stored}) IS DISTINCT FROM (${incoming})`;
  const conditions = [
    options.guard,
    options.changedToo ? `(${options.changedToo} OR ${differs})` : differs,
  ].filter(Boolean);
  return `ON CONFLICT (${options.key.map(ident).join(', ')}) DO UPDATE SET ${set.join(', ')}\n WHERE ${conditions.join('\n   AND ')}`;
}
