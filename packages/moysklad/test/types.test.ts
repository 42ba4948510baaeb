import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  createMoySkladClient,
  type Demand,
  type DemandPosition,
  type Page,
  type Product,
  type Reference,
  type StockAllRow,
  type productSchema,
} from '../src/index';

/** Compile-time checks: `tsc` fails when the inferred types drift; at run time these are no-ops. */
describe('inferred types', () => {
  const client = createMoySkladClient({
    credentials: { token: 't' },
    baseUrl: 'http://127.0.0.1:1/api/remap/1.2',
  });

  it('types listings by entity name', () => {
    expectTypeOf(client.list('product')).toEqualTypeOf<AsyncGenerator<Product>>();
    expectTypeOf(client.pages('stockAll')).toEqualTypeOf<AsyncGenerator<Page<StockAllRow>>>();
    expectTypeOf(client.documents('demand')).toEqualTypeOf<AsyncGenerator<Demand>>();
    expectTypeOf(client.positions('demand', 'id')).toEqualTypeOf<AsyncGenerator<DemandPosition>>();
  });

  it('converts dates and keeps money as numbers', () => {
    expectTypeOf<Product['updated']>().toEqualTypeOf<Date>();
    expectTypeOf<Demand['moment']>().toEqualTypeOf<Date>();
    expectTypeOf<Demand['deleted']>().toEqualTypeOf<Date | null | undefined>();
    expectTypeOf<Demand['sum']>().toEqualTypeOf<number>();
    expectTypeOf<DemandPosition['assortment']>().toEqualTypeOf<Reference>();
    expectTypeOf<
      NonNullable<NonNullable<Demand['positions']>['rows']>[number]
    >().toEqualTypeOf<DemandPosition>();
  });

  it('exposes the wire shape as the schema input', () => {
    expectTypeOf<z.input<typeof productSchema>['updated']>().toEqualTypeOf<string>();
  });

  it('lets unknown fields through', () => {
    expectTypeOf<Product['someFieldAddedLater']>().toEqualTypeOf<unknown>();
  });
});
