import type { AppRouter } from '@crm/api';
import type { TrpcErrorData } from '@crm/contracts';
import type { inferRouterError, inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { describe, expectTypeOf, it } from 'vitest';
import type { CrmRouter } from '../src/router';

// These are compile-time checks: `tsc` (the typecheck task) fails when the contracts and the
// server's router drift apart. The server's type is imported here only, never by the SDK itself.
describe('the contract-derived router type', () => {
  it('has the same inputs as the server router', () => {
    expectTypeOf<inferRouterInputs<CrmRouter>>().toEqualTypeOf<inferRouterInputs<AppRouter>>();
  });

  it('has the same outputs as the server router', () => {
    expectTypeOf<inferRouterOutputs<CrmRouter>>().toEqualTypeOf<inferRouterOutputs<AppRouter>>();
  });

  it('has the same query and mutation split as the server router', () => {
    type Kinds<R> = { [K in keyof R]: R[K] extends { _def: { type: infer T } } ? T : Kinds<R[K]> };
    expectTypeOf<Kinds<CrmRouter['_def']['record']>>().toEqualTypeOf<
      Kinds<AppRouter['_def']['record']>
    >();
  });

  it('describes the errors the server formats', () => {
    expectTypeOf<inferRouterError<AppRouter>['data']>().toExtend<TrpcErrorData>();
    expectTypeOf<inferRouterError<CrmRouter>['data']>().toEqualTypeOf<TrpcErrorData>();
  });
});
