import { procedures } from '@crm/contracts';
import {
  changeOwnPassword,
  DomainError,
  endSession,
  listSessions,
  login,
  refreshSession,
  revokeOwnSession,
  revokeSessions,
} from '@crm/core';
import { actorOf, clientOf, principalOf, type ApiContext } from '../context';
import { procedureFor } from '../procedure';
import { router } from '../trpc';

const c = procedures.auth;

/** Session procedures are for people; an API key has no session or password. */
function userOnly(ctx: ApiContext) {
  const principal = principalOf(ctx);
  if (principal.type !== 'user') {
    throw new DomainError('FORBIDDEN', { en: 'Only a signed-in user can do this', ru: 'Это доступно только вошедшему пользователю' });
  }
  return principal;
}

export const authRouter = router({
  login: procedureFor(c.login).mutation(({ ctx, input }) => login(ctx.deps, input.email, input.password, clientOf(ctx))),
  refresh: procedureFor(c.refresh).mutation(({ ctx, input }) => refreshSession(ctx.deps, input.refreshToken, clientOf(ctx))),
  logout: procedureFor(c.logout).mutation(async ({ ctx, input }) => {
    await endSession(ctx.deps, input.refreshToken);
    return { success: true as const };
  }),
  me: procedureFor(c.me).query(({ ctx }) => {
    const p = principalOf(ctx);
    return {
      type: p.type,
      user: p.type === 'user' ? { id: p.id, email: p.label, name: p.name } : null,
      apiKey: p.type === 'api_key' ? { id: p.id, name: p.label } : null,
      roles: p.roles,
      permissions: [...p.permissions].sort(),
    };
  }),
  sessions: procedureFor(c.sessions).query(async ({ ctx }) => {
    const user = userOnly(ctx);
    return { items: await listSessions(ctx.deps, user.id, user.sessionId) };
  }),
  revokeSession: procedureFor(c.revokeSession).mutation(async ({ ctx, input }) => {
    await revokeOwnSession(ctx.deps, userOnly(ctx).id, input.id);
    return { success: true as const };
  }),
  revokeOtherSessions: procedureFor(c.revokeOtherSessions).mutation(async ({ ctx }) => {
    const user = userOnly(ctx);
    return { revoked: await revokeSessions(ctx.deps, { userId: user.id, exceptId: user.sessionId ?? undefined }, 'revoked_by_user') };
  }),
  changePassword: procedureFor(c.changePassword).mutation(async ({ ctx, input }) => {
    const user = userOnly(ctx);
    const revoked = await changeOwnPassword(ctx.deps, actorOf(ctx), user.sessionId, input.currentPassword, input.newPassword);
    return { success: true as const, revokedSessions: revoked };
  }),
});
