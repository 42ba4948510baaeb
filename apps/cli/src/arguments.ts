import { InvalidArgumentError } from 'commander';

/** Option parsers: a bad value stops the command before anything is sent. */

export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('expected a whole number above 0');
  return Number(value);
}

export function date(value: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw new InvalidArgumentError('expected a date such as 2026-12-31 or 2026-12-31T18:00');
  return parsed;
}

/** Repeatable and comma-separated: `--role a --role b` or `--role a,b`. */
export function list(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

export const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
