import { describe, expect, it } from 'vitest';
import { formatMoney, formatQuantity } from './format';

// Russian formatting separates groups and the currency sign with no-break spaces, narrow or not
// depending on the ICU version; compare with plain spaces.
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formatMoney', () => {
  it('shows kopecks as roubles', () => {
    expect(plain(formatMoney(123456))).toBe('1 234,56 ₽');
    expect(plain(formatMoney(-5))).toBe('-0,05 ₽');
  });

  it('rounds fractional kopecks only for display', () => {
    expect(plain(formatMoney(50260.86956521739))).toBe('502,61 ₽');
  });

  it('takes the minor unit from the currency', () => {
    expect(formatMoney(1999, 'USD', 'en-US')).toBe('$19.99');
    expect(formatMoney(1999, 'JPY', 'en-US')).toBe('¥1,999');
  });
});

describe('formatQuantity', () => {
  it('keeps up to three decimals without trailing zeros', () => {
    expect(plain(formatQuantity(1250.5))).toBe('1 250,5');
    expect(formatQuantity(0.1234)).toBe('0,123');
    expect(formatQuantity(3)).toBe('3');
  });
});
