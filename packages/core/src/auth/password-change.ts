import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords';
import { revokeSessions } from './sessions';

/** Changes the caller's own password and signs out every other session. */
export async function changeOwnPassword(
  deps: CoreDeps,
  actor: Actor & { id: string },
  currentSessionId: string | null,
  currentPassword: string,
  newPassword: string,
): Promise<number> {
  const user = await deps.db.prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new DomainError('BAD_REQUEST', { en: 'The current password is wrong', ru: 'Текущий пароль указан неверно' }, [
      { path: ['currentPassword'], text: { en: 'is wrong', ru: 'неверен' } },
    ]);
  }
  assertPasswordPolicy(newPassword, user.email, ['newPassword']);
  await deps.db.prisma.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(newPassword, deps.auth.hashCost), passwordChangedAt: new Date() },
  });
  const revoked = await revokeSessions(deps, { userId: user.id, exceptId: currentSessionId ?? undefined }, 'password_changed');
  await recordAudit(deps, actor, 'auth.password_change', { type: 'user', id: user.id }, { revokedSessions: revoked });
  return revoked;
}

/** Sets a user's password from the server's command line; signs them out everywhere. */
export async function resetPassword(deps: CoreDeps, actor: Actor, email: string, password: string): Promise<void> {
  const user = await deps.db.prisma.user.findUnique({ where: { email } });
  if (!user) throw new DomainError('NOT_FOUND', { en: `No user with the email ${email}`, ru: `Нет пользователя с email ${email}` });
  assertPasswordPolicy(password, email);
  await deps.db.prisma.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(password, deps.auth.hashCost), passwordChangedAt: new Date() },
  });
  await revokeSessions(deps, { userId: user.id }, 'password_reset');
  await recordAudit(deps, actor, 'users.reset_password', { type: 'user', id: user.id });
}
