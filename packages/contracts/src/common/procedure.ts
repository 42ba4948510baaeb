import type { z } from 'zod';
import type { Permission } from '../permissions';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type RestRoute = {
  method: HttpMethod;
  /** Path under `/api/v1`, with `{param}` placeholders that name input fields. */
  path: `/${string}`;
  summary: string;
  description?: string;
  tags: [string, ...string[]];
};

/**
 * Who may call a procedure: anyone, any signed-in principal (user or API key), only a signed-in
 * user (their own sessions and password), or a holder of a permission. Every procedure states
 * one; there is no default.
 */
export type Access = 'public' | 'authenticated' | 'user' | Permission;

export type ProcedureContract<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  R extends RestRoute = RestRoute,
> = {
  route: R;
  access: Access;
  input: I;
  output: O;
};

/**
 * Declares one procedure's wire contract: its REST route, who may call it, and the zod schemas of
 * its input and output. The API builds the tRPC procedure from it; the SDK derives its types from
 * it (a GET route is a query, anything else a mutation, so the method is kept as a literal type).
 */
export function defineProcedure<I extends z.ZodType, O extends z.ZodType, const R extends RestRoute>(
  contract: ProcedureContract<I, O, R>,
): ProcedureContract<I, O, R> {
  return contract;
}

/** The `data` of a tRPC error as this API formats it (the REST body carries the same fields). */
export type TrpcErrorData = {
  code: string;
  httpStatus: number;
  path?: string;
  requestId?: string;
  issues?: { path: (string | number)[]; message: string }[];
};
