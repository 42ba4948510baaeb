import { z } from 'zod';

/*
 * The REST facade coerces GET query inputs by mutating shared zod schemas in place, so a plain
 * `z.boolean()` turns `?flag=false` into `true` on REST and afterwards on tRPC too. These helpers
 * read the strings REST sends and still accept real values from tRPC; every query parameter that
 * is not a string goes through one of them.
 *
 * Their input types are what a typed (tRPC) caller sends; the strings of a query string are a
 * REST matter that the coercion handles at run time. Left `unknown`, `limit: 'ten'` would compile.
 */

const fromQueryString = (v: unknown) => (v === 'true' ? true : v === 'false' ? false : v);

export const queryBoolean = () => z.preprocess<unknown, z.ZodBoolean, boolean>(fromQueryString, z.boolean());

export const queryInt = () => z.coerce.number<number>().int();

export const queryNumber = () => z.coerce.number<number>();

/** An ISO 8601 instant on REST, a `Date` through tRPC. */
export const queryDate = () => z.coerce.date<Date>();
