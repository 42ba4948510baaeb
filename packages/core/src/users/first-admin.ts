import { assertPasswordPolicy, hashPassword } from '../auth/passwords';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';

/**
 * Creates an administrator from the server's command line (`crm-server admin create`), where the
 * CLI cannot help because nobody can sign in yet.
 */
export async function createAdmin(
  deps: CoreDeps,
  actor: Actor,
  input: { email: string; name: string; password: string; checkPolicy: boolean },
): Promise<{ id: string }> {
  if (input.checkPolicy) assertPasswordPolicy(input.password, input.email);
  const admin = await deps.db.prisma.role.findUniqueOrThrow({ where: { name: 'admin' } });
  const existing = await deps.db.prisma.user.findUnique({ where: { email: input.email } });
  if (existing) {
    throw new DomainError('CONFLICT', {
      en: `A user with the email ${input.email} exists; use reset-password`,
      ru: `Пользователь с email ${input.email} уже есть; используйте reset-password`,
    });
  }
  const user = await deps.db.prisma.user.create({
    data: {
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password, deps.auth.hashCost),
      roles: { create: [{ roleId: admin.id }] },
    },
  });
  await recordAudit(deps, actor, 'users.create', { type: 'user', id: user.id }, { email: user.email, roles: ['admin'] });
  return { id: user.id };
}

/**
 * The first start creates ADMIN_EMAIL / ADMIN_PASSWORD as admin when there are no users yet (in
 * development always, in production only when ADMIN_PASSWORD is set; otherwise production creates
 * its first admin with `crm-server admin create`).
 */
export async function seedFirstAdmin(deps: CoreDeps, actor: Actor): Promise<string | null> {
  if (!deps.config.admin) return null;
  if ((await deps.db.prisma.user.count()) > 0) return null;
  await createAdmin(deps, actor, { ...deps.config.admin, name: 'Administrator', checkPolicy: deps.config.isProduction });
  return deps.config.admin.email;
}
