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
 * Who may call a procedure: anyone, any signed-in principal (user or API key), or a holder of a
 * permission. Every procedure states one; there is no default.
 */
export type Access = 'public' | 'authenticated' | Permission;

export type ProcedureContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  route: RestRoute;
  access: Access;
  input: I;
  output: O;
};

/**
 * Declares one procedure's wire contract: its REST route, who may call it, and the zod schemas of
 * its input and output. The API builds the tRPC procedure from it, the SDK and CLI share it.
 */
export function defineProcedure<I extends z.ZodType, O extends z.ZodType>(
  contract: ProcedureContract<I, O>,
): ProcedureContract<I, O> {
  return contract;
}
