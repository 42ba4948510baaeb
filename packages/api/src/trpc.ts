import type { Access, RestRoute } from '@crm/contracts';
import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { ApiContext } from './context';
import { toApiError } from './errors/format';

// Optional only because tRPC starts every procedure with empty meta; procedureFor always sets both.
export type ProcedureMeta = OpenApiMeta<{ access?: Access; route?: RestRoute }>;

export const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    // Same message and issues as the REST facade, in the caller's language; never a stack.
    errorFormatter({ shape, error, ctx }) {
      const body = toApiError(error, ctx?.locale ?? 'en', ctx?.requestId);
      return {
        code: shape.code,
        message: body.message,
        data: {
          code: body.code,
          httpStatus: body.status,
          path: shape.data.path,
          requestId: body.requestId,
          issues: body.issues,
        },
      };
    },
  });

export const router = t.router;
