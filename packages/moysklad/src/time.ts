/**
 * MoySklad writes every date-time as Moscow wall-clock time without an offset
 * (`YYYY-MM-DD HH:mm:ss[.SSS]`). Moscow has been UTC+3 all year round since 2014, so the
 * conversion is a fixed shift; formatting with UTC getters keeps it independent of the host's
 * time zone (local-time getters are the classic source of wrong filters on non-MSK hosts).
 */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;

// Seconds are optional because filters accept `YYYY-MM-DD HH:mm`; responses always carry them.
const MOSCOW_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** Parses a MoySklad date-time string; returns `undefined` when it is not one. */
export function tryParseMoscowTime(value: string): Date | undefined {
  const match = MOSCOW_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = ''] = match;
  const parts = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = parts;
  const ms = Number(fraction.padEnd(3, '0'));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(wall);
  // Date.UTC silently rolls 2024-02-30 over into March; a round trip rejects such values.
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== mi ||
    check.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  return new Date(wall - MOSCOW_OFFSET_MS);
}

/** Parses a MoySklad date-time string into an absolute `Date`; throws on anything else. */
export function parseMoscowTime(value: string): Date {
  const date = tryParseMoscowTime(value);
  if (!date) throw new RangeError(`Not a MoySklad date-time (YYYY-MM-DD HH:mm:ss[.SSS]): ${value}`);
  return date;
}

export interface FormatMoscowTimeOptions {
  /**
   * `auto` (default) appends `.SSS` only when the milliseconds are not zero, `always` and
   * `never` force it. MoySklad accepts both forms in filters and bodies.
   */
  milliseconds?: 'auto' | 'always' | 'never';
}

/** Formats an absolute `Date` as MoySklad's Moscow wall-clock string. */
export function formatMoscowTime(date: Date, options: FormatMoscowTimeOptions = {}): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('Cannot format an invalid Date for MoySklad');
  const wall = new Date(time + MOSCOW_OFFSET_MS);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const base =
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  const ms = wall.getUTCMilliseconds();
  const mode = options.milliseconds ?? 'auto';
  if (mode === 'always' || (mode === 'auto' && ms !== 0)) return `${base}.${pad(ms, 3)}`;
  return base;
}
