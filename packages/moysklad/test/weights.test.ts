import { describe, expect, it } from 'vitest';
import { requestWeight, userWeightAt } from '../src/index';

const msk = (text: string) => new Date(`${text}+03:00`);

describe('request weights', () => {
  it('follows the published schedule for user credentials (Moscow dates)', () => {
    expect(userWeightAt(msk('2026-05-11T23:59:59'))).toBe(1);
    expect(userWeightAt(msk('2026-05-12T00:00:00'))).toBe(2);
    expect(userWeightAt(msk('2026-08-31T23:59:59'))).toBe(2);
    expect(userWeightAt(msk('2026-09-01T00:00:00'))).toBe(3);
    // Today (2026-11-25) a user request costs 3; from December 1st, 4.
    expect(userWeightAt(msk('2026-11-25T12:00:00'))).toBe(3);
    expect(userWeightAt(msk('2026-11-30T23:59:59.999'))).toBe(3);
    expect(userWeightAt(msk('2026-12-01T00:00:00'))).toBe(4);
    expect(userWeightAt(msk('2030-01-01T00:00:00'))).toBe(4);
  });

  it('charges a solution token 1 unit', () => {
    const day = msk('2026-12-15T10:00:00');
    expect(requestWeight({ method: 'GET', path: '/entity/product' }, 'solution', day)).toBe(1);
    expect(requestWeight({ method: 'GET', path: '/entity/product' }, 'user', day)).toBe(4);
  });

  it('charges the full stock reports 5 units whatever the auth, but not their short forms', () => {
    const day = msk('2026-11-25T10:00:00');
    for (const kind of ['user', 'solution'] as const) {
      expect(requestWeight({ method: 'GET', path: '/report/stock/all' }, kind, day)).toBe(5);
      expect(requestWeight({ method: 'get', path: '/report/stock/bystore/' }, kind, day)).toBe(5);
    }
    expect(
      requestWeight({ method: 'GET', path: '/report/stock/all/current' }, 'solution', day),
    ).toBe(1);
    expect(
      requestWeight({ method: 'GET', path: '/report/stock/bystore/current' }, 'user', day),
    ).toBe(3);
  });
});
