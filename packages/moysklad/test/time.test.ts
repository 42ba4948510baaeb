import { describe, expect, it } from 'vitest';
import {
  formatMoscowTime,
  moscowDateTime,
  parseMoscowTime,
  tryParseMoscowTime,
} from '../src/index';

describe('Moscow time', () => {
  it('parses MoySklad strings as UTC+3, with or without milliseconds', () => {
    expect(parseMoscowTime('2024-03-01 12:00:00')).toEqual(new Date('2024-03-01T09:00:00Z'));
    expect(parseMoscowTime('2020-06-18 01:10:14.316')).toEqual(
      new Date('2020-06-17T22:10:14.316Z'),
    );
    // A fraction of fewer digits is tenths or hundredths of a second.
    expect(parseMoscowTime('2020-06-18 01:10:14.3')).toEqual(new Date('2020-06-17T22:10:14.300Z'));
    // Filters accept minutes only.
    expect(parseMoscowTime('2024-03-01 00:00')).toEqual(new Date('2024-02-29T21:00:00Z'));
  });

  it('has no daylight saving: summer and winter are both +3', () => {
    expect(parseMoscowTime('2025-07-01 03:00:00').toISOString()).toBe('2025-07-01T00:00:00.000Z');
    expect(parseMoscowTime('2025-01-01 03:00:00').toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('maps the filter minimum 1970-01-01 03:00:00 to the Unix epoch', () => {
    expect(parseMoscowTime('1970-01-01 03:00:00').getTime()).toBe(0);
  });

  it('rejects anything else', () => {
    for (const bad of [
      '2024-03-01T12:00:00',
      '2024-03-01 12:00:00+03:00',
      '2024-02-30 10:00:00',
      '2024-03-01 24:00:00',
      '2024-03-01 12:00:00.1234',
      '',
      'yesterday',
    ]) {
      expect(tryParseMoscowTime(bad), bad).toBeUndefined();
    }
    expect(() => parseMoscowTime('2024-13-01 00:00:00')).toThrow(RangeError);
  });

  it('formats a Date as Moscow wall-clock time whatever the host time zone', () => {
    const date = new Date('2024-02-29T22:30:05.007Z');
    expect(formatMoscowTime(date)).toBe('2024-03-01 01:30:05.007');
    expect(formatMoscowTime(new Date('2024-02-29T22:30:05Z'))).toBe('2024-03-01 01:30:05');
    expect(formatMoscowTime(new Date('2024-02-29T22:30:05Z'), { milliseconds: 'always' })).toBe(
      '2024-03-01 01:30:05.000',
    );
    expect(formatMoscowTime(date, { milliseconds: 'never' })).toBe('2024-03-01 01:30:05');
    expect(() => formatMoscowTime(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('round-trips', () => {
    for (const text of [
      '2016-08-23 15:21:09',
      '2026-12-01 00:00:00.001',
      '1999-12-31 23:59:59.999',
    ]) {
      expect(formatMoscowTime(parseMoscowTime(text))).toBe(text);
    }
  });

  it('is the conversion the schemas apply at the boundary', () => {
    expect(moscowDateTime.parse('2026-11-25 15:00:00.000')).toEqual(
      new Date('2026-11-25T12:00:00Z'),
    );
    const invalid = moscowDateTime.safeParse('2026-11-25');
    expect(invalid.success).toBe(false);
  });
});
