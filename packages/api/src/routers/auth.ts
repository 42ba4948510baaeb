import { procedures } from '@crm/contracts';
import {
  changeOwnPassword,
  endSession,
  listSessions,
  login,
  refreshSession,
  revokeOwnSession,
  revokeSessions,
} from '@crm/core';
import { actorOf, clientOf, principalOf } from '../context';
import { procedureFor } from '../procedure';
import { router } from '../trpc';

const c = procedures.auth;

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
    const user = principalOf(ctx);
    return { items: await listSessions(ctx.deps, user.id, user.sessionId) };
  }),
  revokeSession: procedureFor(c.revokeSession).mutation(async ({ ctx, input }) => {
    await revokeOwnSession(ctx.deps, principalOf(ctx).id, input.id);
    return { success: true as const };
  }),
  revokeOtherSessions: procedureFor(c.revokeOtherSessions).mutation(async ({ ctx }) => {
    const user = principalOf(ctx);
    return { revoked: await revokeSessions(ctx.deps, { userId: user.id, exceptId: user.sessionId ?? undefined }, 'revoked_by_user') };
  }),
  changePassword: procedureFor(c.changePassword).mutation(async ({ ctx, input }) => {
    const user = principalOf(ctx);
    const revoked = await changeOwnPassword(ctx.deps, actorOf(ctx), user.sessionId, input.currentPassword, input.newPassword);
    return { success: true as const, revokedSessions: revoked };
  }),
});
