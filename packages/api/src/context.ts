import type { Actor, ClientInfo, CoreDeps, DomainError, Logger, Principal } from '@crm/core';
import type { PluginRegistry } from '@crm/integrations';
import { TRPCError } from '@trpc/server';
import type { Locale } from './i18n';

export type { Principal };

/** Everything a procedure sees. Built per request by the HTTP layer. */
export type ApiContext = {
  deps: CoreDeps;
  plugins: PluginRegistry;
  requestId: string;
  locale: Locale;
  ip: string | undefined;
  userAgent: string | undefined;
  principal: Principal | null;
  /** Why the presented credentials were refused; reported only if the procedure needs them. */
  authError: DomainError | null;
  log: Logger;
};

/** The caller of a procedure whose access rule already required one. */
export function principalOf(ctx: ApiContext): Principal {
  if (!ctx.principal) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return ctx.principal;
}

/** The caller as the audit log records them. */
export function actorOf(ctx: ApiContext): Actor & { id: string } {
  const p = principalOf(ctx);
  return { type: p.type, id: p.id, label: p.label, ip: ctx.ip, requestId: ctx.requestId };
}

export function clientOf(ctx: ApiContext): ClientInfo {
  return { ip: ctx.ip, userAgent: ctx.userAgent };
}
