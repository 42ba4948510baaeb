/**
 * MoySklad speaks Moscow time (UTC+3, no DST since 2014) without an offset in its strings:
 * responses use `YYYY-MM-DD HH:mm:ss.SSS`, filters also accept `YYYY-MM-DD HH:mm[:ss[.SSS]]`.
 */

const MSK_OFFSET_MS = 3 * 3600_000;
export const MINUTE = 60_000;
export const HOUR = 3600_000;
export const DAY = 86_400_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatMsk(epochMs: number): string {
  const d = new Date(epochMs + MSK_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

const FILTER_MOMENT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** Parses a Moscow-time string as accepted in filters and query parameters; null when malformed. */
export function parseMsk(text: string): number | null {
  const m = FILTER_MOMENT.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(utc);
  if (check.getUTCDate() !== day) return null;
  return utc - MSK_OFFSET_MS;
}

/** Start of the Moscow calendar day containing the moment. */
export function mskDayStart(epochMs: number): number {
  return Math.floor((epochMs + MSK_OFFSET_MS) / DAY) * DAY - MSK_OFFSET_MS;
}

/** Day of week in Moscow, 0 = Sunday. */
export function mskWeekday(epochMs: number): number {
  return new Date(epochMs + MSK_OFFSET_MS).getUTCDay();
}

/** Month in Moscow, 0 = January. */
export function mskMonth(epochMs: number): number {
  return new Date(epochMs + MSK_OFFSET_MS).getUTCMonth();
}
