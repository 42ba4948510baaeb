import type { ProcedureContract, procedures, TrpcErrorData } from '@crm/contracts';
import type {
  inferRouterInputs,
  inferRouterOutputs,
  TRPCBuiltRouter,
  TRPCErrorShape,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
} from '@trpc/server';
import type { z } from 'zod';

/*
 * The API router's type, derived from the contracts alone. `AppRouter` from @crm/api would carry
 * the server's context (database, logger, ...) into every frontend's type check; this type has
 * the same procedures, inputs, outputs and error shape and nothing else. A test compares the two.
 */

type AnyContract = ProcedureContract<z.ZodType, z.ZodType>;

type ProcedureDef<C extends AnyContract> = {
  input: z.input<C['input']>;
  output: z.output<C['output']>;
  meta: Pick<C, 'access' | 'route'>;
  errorShape: CrmErrorShape;
};

/** A GET route is a tRPC query; every other method a mutation, as the API builds them. */
type ContractProcedure<C extends AnyContract> = C['route']['method'] extends 'GET'
  ? TRPCQueryProcedure<ProcedureDef<C>>
  : TRPCMutationProcedure<ProcedureDef<C>>;

// `procedures` is declared `as const`; the router built from it has plain (mutable) keys.
type ContractRecord<T> = {
  -readonly [K in keyof T]: T[K] extends AnyContract
    ? ContractProcedure<T[K]>
    : ContractRecord<T[K]>;
};

/** The procedures, nested as the router nests them. */
export type CrmProcedures = typeof procedures;

/** An error as the API's error formatter shapes it. */
export type CrmErrorShape = TRPCErrorShape<TrpcErrorData>;

export type CrmRouter = TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: CrmErrorShape; transformer: true },
  ContractRecord<CrmProcedures>
>;

/** Every procedure's input by path: `CrmInputs['admin']['users']['create']`. */
export type CrmInputs = inferRouterInputs<CrmRouter>;

/** Every procedure's output by path, as the client receives it. */
export type CrmOutputs = inferRouterOutputs<CrmRouter>;
