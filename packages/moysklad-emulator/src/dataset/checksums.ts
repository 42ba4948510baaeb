import type { Random } from '../random/prng';

/** Russian tax and trade identifiers with valid check digits. */

function digits(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.int(0, 9));
}

function weightedCheck(values: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += values[i]! * weights[i]!;
  return (sum % 11) % 10;
}

/** Real region codes (first two INN digits) of large Russian regions. */
const REGIONS = [
  '77',
  '78',
  '50',
  '47',
  '16',
  '66',
  '54',
  '52',
  '61',
  '23',
  '63',
  '74',
  '02',
  '24',
  '59',
];

/** 10-digit INN of a legal entity. */
export function legalInn(random: Random): string {
  const body = [...random.pick(REGIONS)].map(Number);
  body.push(...digits(random, 2), ...digits(random, 5));
  body.push(weightedCheck(body, [2, 4, 10, 3, 5, 9, 4, 6, 8]));
  return body.join('');
}

/** 12-digit INN of a person (sole traders and individuals). */
export function personInn(random: Random): string {
  const body = [...random.pick(REGIONS)].map(Number);
  body.push(...digits(random, 8));
  body.push(weightedCheck(body, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  body.push(weightedCheck(body, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  return body.join('');
}

export function isValidInn(inn: string): boolean {
  const d = [...inn].map(Number);
  if (inn.length === 10) return weightedCheck(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  if (inn.length === 12) {
    return (
      weightedCheck(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] &&
      weightedCheck(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11]
    );
  }
  return false;
}

/** KPP: the tax office of the INN, reason code 01 (registration at the company's address). */
export function kppFor(inn: string, random: Random): string {
  return `${inn.slice(0, 4)}01${String(random.int(1, 3)).padStart(3, '0')}`;
}

/** 13-digit OGRN; the last digit is the remainder of the first twelve modulo 11 (last digit of it). */
export function ogrn(random: Random): string {
  const body = `1${String(random.int(2, 25)).padStart(2, '0')}${random.pick(REGIONS)}${digits(random, 7).join('')}`;
  return body + String((BigInt(body) % 11n) % 10n);
}

/** 15-digit OGRNIP; the check digit is taken modulo 13. */
export function ogrnip(random: Random): string {
  const body = `3${String(random.int(4, 25)).padStart(2, '0')}${random.pick(REGIONS)}${digits(random, 9).join('')}`;
  return body + String((BigInt(body) % 13n) % 10n);
}

export function ean13CheckDigit(twelve: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/**
 * In-store EAN-13 (prefix 2, reserved for internal numbering, as MoySklad itself generates):
 * the kind digit keeps products, variants, services and bundles apart.
 */
export function internalEan13(kindDigit: number, index: number): string {
  const twelve = `2${kindDigit}${String(index + 1).padStart(10, '0')}`;
  return twelve + String(ean13CheckDigit(twelve));
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** A settlement account number whose control key agrees with the bank's BIK. */
export function bankAccount(random: Random, bik: string, prefix = '40702810'): string {
  const account = [...prefix, '0', ...digits(random, 11).map(String)].map(Number);
  const weights = [7, 1, 3];
  const keyed = [...bik.slice(-3)].map(Number).concat(account);
  keyed[3 + 8] = 0;
  let sum = 0;
  for (let i = 0; i < keyed.length; i++) sum += (keyed[i]! * weights[i % 3]!) % 10;
  account[8] = ((sum % 10) * 3) % 10;
  return account.join('');
}
