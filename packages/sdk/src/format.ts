/*
 * Money and quantities arrive unrounded (kopecks may carry fractions, as MoySklad computes costs);
 * only what is shown to people rounds, here.
 */

/**
 * An amount in minor units (kopecks for RUB) as money: `formatMoney(123456)` is "1 234,56 ₽".
 * The number of minor digits comes from the currency (none for JPY, two for RUB).
 */
export function formatMoney(minorUnits: number, currency = 'RUB', locale = 'ru-RU'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

/** A stock quantity: up to three decimals (as stored), no trailing zeros: "1 250,5". */
export function formatQuantity(quantity: number, locale = 'ru-RU'): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(quantity);
}
