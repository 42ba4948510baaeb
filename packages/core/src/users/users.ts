import type { User } from '@crm/contracts';
import { Prisma } from '@crm/db';
import { assertPasswordPolicy, hashPassword } from '../auth/passwords';
import { revokeSessions } from '../auth/sessions';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit';
import { paginate } from '../common/pagination';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { assertAnAdminRemains, lockAdminChanges } from './admins';
import { roleIdsByName } from './roles';

const withRoles = { roles: { include: { role: { select: { id: true, name: true } } } } } as const;
type UserRow = Prisma.UserGetPayload<{ include: typeof withRoles }>;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    roles: row.roles.map((r) => r.role).sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastLoginAt: row.lastLoginAt,
  };
}

const notFound = () => new DomainError('NOT_FOUND', { en: 'No such user', ru: 'Такого пользователя нет' });

export type UserQuery = {
  limit: number;
  cursor?: string;
  sort: string;
  search?: string;
  status?: 'active' | 'disabled';
  role?: string;
};

export async function listUsers(deps: CoreDeps, query: UserQuery) {
  const where: Prisma.UserWhereInput = {
    status: query.status,
    roles: query.role ? { some: { role: { name: query.role } } } : undefined,
    OR: query.search
      ? [{ email: { contains: query.search, mode: 'insensitive' } }, { name: { contains: query.search, mode: 'insensitive' } }]
      : undefined,
  };
  const page = await paginate<UserRow>({
    input: query,
    sorts: {
      email: { field: 'email', kind: 'string', value: (r: UserRow) => r.email },
      name: { field: 'name', kind: 'string', value: (r: UserRow) => r.name },
      createdAt: { field: 'createdAt', kind: 'date', value: (r: UserRow) => r.createdAt },
    },
    where,
    count: (args) => deps.db.prisma.user.count(args as Prisma.UserCountArgs),
    findMany: (args) => deps.db.prisma.user.findMany({ ...(args as Prisma.UserFindManyArgs), include: withRoles }),
  });
  return { ...page, items: page.items.map(toUser) };
}

export async function getUser(deps: CoreDeps, id: string): Promise<User> {
  const row = await deps.db.prisma.user.findUnique({ where: { id }, include: withRoles });
  if (!row) throw notFound();
  return toUser(row);
}

export async function createUser(
  deps: CoreDeps,
  actor: Actor,
  input: { email: string; name: string; password: string; roles: string[] },
): Promise<User> {
  assertPasswordPolicy(input.password, input.email);
  const passwordHash = await hashPassword(input.password, deps.auth.hashCost);
  try {
    const row = await deps.db.prisma.$transaction(async (tx) => {
      const roleIds = await roleIdsByName(tx, input.roles, 'roles');
      return tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          roles: { create: roleIds.map((roleId) => ({ roleId })) },
        },
        include: withRoles,
      });
    });
    await recordAudit(deps, actor, 'users.create', { type: 'user', id: row.id }, { email: row.email, roles: input.roles });
    return toUser(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new DomainError('CONFLICT', { en: 'A user with this email exists', ru: 'Пользователь с таким email уже есть' }, [
        { path: ['email'], text: { en: 'is taken', ru: 'уже занят' } },
      ]);
    }
    throw error;
  }
}

export async function updateUser(
  deps: CoreDeps,
  actor: Actor,
  input: { id: string; name?: string; status?: 'active' | 'disabled'; roles?: string[] },
): Promise<User> {
  const { before, after } = await deps.db.prisma.$transaction(async (tx) => {
    await lockAdminChanges(tx);
    const current = await tx.user.findUnique({ where: { id: input.id }, include: withRoles });
    if (!current) throw notFound();
    if (input.roles) {
      const roleIds = await roleIdsByName(tx, input.roles, 'roles');
      await tx.userRole.deleteMany({ where: { userId: input.id, roleId: { notIn: roleIds } } });
      await tx.userRole.createMany({ data: roleIds.map((roleId) => ({ userId: input.id, roleId })), skipDuplicates: true });
    }
    const updated = await tx.user.update({
      where: { id: input.id },
      data: { name: input.name, status: input.status },
      include: withRoles,
    });
    await assertAnAdminRemains(tx);
    return { before: current, after: updated };
  });

  if (input.status === 'disabled' && before.status !== 'disabled') {
    await revokeSessions(deps, { userId: input.id }, 'user_disabled');
  }
  await deps.events.publish({ type: 'user-changed', userId: input.id });

  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (input.name !== undefined && input.name !== before.name) changes.name = { from: before.name, to: after.name };
  if (input.status !== undefined && input.status !== before.status) changes.status = { from: before.status, to: after.status };
  const roleNames = (row: UserRow) => row.roles.map((r) => r.role.name).sort();
  if (input.roles && roleNames(before).join() !== roleNames(after).join()) {
    changes.roles = { from: roleNames(before), to: roleNames(after) };
  }
  await recordAudit(deps, actor, 'users.update', { type: 'user', id: input.id }, { email: after.email, changes });
  return toUser(after);
}
