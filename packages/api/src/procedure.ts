import { hasPermission, type Access, type ProcedureContract } from '@crm/contracts';
import { DomainError } from '@crm/core';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { t } from './trpc';

/**
 * Services report expected failures as DomainError; tRPC must see them as errors of that code so
 * the HTTP status is right on both transports (and they are not logged as server faults).
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw new TRPCError({ code: result.error.cause.code as TRPCError['code'], message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

function requireAccess(access: Access) {
  return t.middleware(({ ctx, next }) => {
    if (access === 'public') return next();
    if (!ctx.principal) throw ctx.authError ?? new TRPCError({ code: 'UNAUTHORIZED' });
    if (access === 'user') {
      if (ctx.principal.type !== 'user') {
        throw new DomainError('FORBIDDEN', { en: 'Only a signed-in user can do this', ru: 'Это доступно только вошедшему пользователю' });
      }
    } else if (access !== 'authenticated' && !hasPermission(ctx.principal.permissions, access)) {
      throw new TRPCError({ code: 'FORBIDDEN' });
    }
    return next({ ctx: { principal: ctx.principal } });
  });
}

/**
 * The tRPC procedure for a contract: its access rule enforced, its schemas applied, and its REST
 * route declared for the OpenAPI facade. Finish it with `.query()` for GET routes and
 * `.mutation()` for the rest.
 */
export function procedureFor<I extends z.ZodType, O extends z.ZodType>(contract: ProcedureContract<I, O>) {
  const { route, access } = contract;
  return t.procedure
    .use(domainErrors)
    .meta({
      access,
      route,
      openapi: { ...route, protect: access !== 'public', errorResponses: errorResponsesFor(access, route.method) },
    })
    .use(requireAccess(access))
    .input(contract.input)
    .output(contract.output);
}

function errorResponsesFor(access: Access, method: string): Record<number, string> {
  const responses: Record<number, string> = { 400: 'Invalid input' };
  if (access !== 'public') responses[401] = 'Not signed in';
  if (access !== 'public' && access !== 'authenticated') responses[403] = access === 'user' ? 'Not a signed-in user' : 'Missing permission';
  if (method !== 'GET' && method !== 'POST') responses[404] = 'Not found';
  return responses;
}
