import { PERMISSIONS, type Role } from '@crm/contracts';
import { Prisma } from '@crm/db';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { assertAnAdminRemains, lockAdminChanges } from './admins';

type RoleRow = Prisma.RoleGetPayload<{ include: { _count: { select: { users: true } } } }>;

const withUserCount = { _count: { select: { users: true } } } as const;

function toRole(row: RoleRow): Role {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    system: row.system,
    permissions: row.permissions,
    userCount: row._count.users,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const notFound = () => new DomainError('NOT_FOUND', { en: 'No such role', ru: 'Такой роли нет' });
const builtIn = () =>
  new DomainError('CONFLICT', { en: 'Built-in roles cannot be changed or deleted', ru: 'Встроенные роли нельзя изменять или удалять' });

export async function listRoles(deps: CoreDeps) {
  const rows = await deps.db.prisma.role.findMany({ include: withUserCount, orderBy: [{ system: 'desc' }, { name: 'asc' }] });
  return {
    items: rows.map(toRole),
    permissions: Object.entries(PERMISSIONS).map(([name, description]) => ({ name, description })),
  };
}

/** Role ids for names; unknown names are a field error on `path`. */
export async function roleIdsByName(client: Prisma.TransactionClient, names: string[], path: string): Promise<string[]> {
  const unique = [...new Set(names)];
  const rows = await client.role.findMany({ where: { name: { in: unique } }, select: { id: true, name: true } });
  const missing = unique.filter((n) => !rows.some((r) => r.name === n));
  if (missing.length) {
    const text = { en: `unknown role: ${missing.join(', ')}`, ru: `нет такой роли: ${missing.join(', ')}` };
    throw new DomainError('BAD_REQUEST', { en: `Unknown role: ${missing.join(', ')}`, ru: `Нет такой роли: ${missing.join(', ')}` }, [
      { path: [path], text },
    ]);
  }
  return rows.map((r) => r.id);
}

export async function createRole(deps: CoreDeps, actor: Actor, input: { name: string; description?: string; permissions: string[] }) {
  try {
    const row = await deps.db.prisma.role.create({
      data: { name: input.name, description: input.description ?? '', permissions: [...new Set(input.permissions)] },
      include: withUserCount,
    });
    await recordAudit(deps, actor, 'roles.create', { type: 'role', id: row.id }, { name: row.name, permissions: row.permissions });
    return toRole(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new DomainError('CONFLICT', { en: `A role named ${input.name} exists`, ru: `Роль ${input.name} уже есть` }, [
        { path: ['name'], text: { en: 'is taken', ru: 'уже занято' } },
      ]);
    }
    throw error;
  }
}

export async function updateRole(
  deps: CoreDeps,
  actor: Actor,
  input: { id: string; description?: string; permissions?: string[] },
) {
  const row = await deps.db.prisma.$transaction(async (tx) => {
    await lockAdminChanges(tx);
    const current = await tx.role.findUnique({ where: { id: input.id } });
    if (!current) throw notFound();
    if (current.system) throw builtIn();
    const updated = await tx.role.update({
      where: { id: input.id },
      data: {
        description: input.description,
        permissions: input.permissions ? [...new Set(input.permissions)] : undefined,
      },
      include: withUserCount,
    });
    await assertAnAdminRemains(tx);
    return { before: current, after: updated };
  });
  await deps.events.publish({ type: 'roles-changed' });
  await recordAudit(deps, actor, 'roles.update', { type: 'role', id: input.id }, {
    name: row.after.name,
    description: input.description,
    permissions: input.permissions ? { from: row.before.permissions, to: row.after.permissions } : undefined,
  });
  return toRole(row.after);
}

export async function deleteRole(deps: CoreDeps, actor: Actor, id: string): Promise<void> {
  const role = await deps.db.prisma.role.findUnique({
    where: { id },
    include: { _count: { select: { users: true, apiKeys: { where: { revokedAt: null } } } } },
  });
  if (!role) throw notFound();
  if (role.system) throw builtIn();
  if (role._count.users > 0 || role._count.apiKeys > 0) {
    throw new DomainError('CONFLICT', {
      en: `The role is held by ${role._count.users} user(s) and ${role._count.apiKeys} API key(s); reassign them first`,
      ru: `Роль назначена пользователям (${role._count.users}) и API-ключам (${role._count.apiKeys}); сначала переназначьте их`,
    });
  }
  // Revoked keys keep their history; the role goes only once nothing refers to it.
  await deps.db.prisma.$transaction([
    deps.db.prisma.apiKey.deleteMany({ where: { roleId: id, revokedAt: { not: null } } }),
    deps.db.prisma.role.delete({ where: { id } }),
  ]);
  await deps.events.publish({ type: 'roles-changed' });
  await recordAudit(deps, actor, 'roles.delete', { type: 'role', id }, { name: role.name });
}
