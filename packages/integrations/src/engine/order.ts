import type { EntityDefinition } from '../plugin';

/**
 * The entities to sync, dependencies first. A requested subset is synced in the same order; its
 * dependencies are not pulled in (they were synced before, or their references resolve later).
 */
export function syncOrder(entities: EntityDefinition[], requested: string[]): string[] {
  const byName = new Map(entities.map((e) => [e.name, e]));
  const unknown = requested.filter((name) => !byName.has(name));
  if (unknown.length) throw new Error(`unknown entities: ${unknown.join(', ')}`);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`entity dependencies form a cycle at ${name}`);
    visiting.add(name);
    for (const dependency of byName.get(name)!.dependsOn ?? []) visit(dependency);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const entity of entities) visit(entity.name);
  return requested.length ? ordered.filter((name) => requested.includes(name)) : ordered;
}
