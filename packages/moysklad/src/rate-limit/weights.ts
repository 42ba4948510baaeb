import type { TokenKind } from '../auth';

/**
 * How many units of the 45-unit / 3-second budget one request costs, per MoySklad's
 * "Ограничения" page (2026):
 * - `GET /report/stock/all` and `GET /report/stock/bystore` cost 5, whatever the auth;
 * - a public or private solution's token costs 1;
 * - a user's login/password or token costs 2 from 2026-05-12, 3 from 2026-09-01 and
 *   4 from 2026-12-01 (dates in Moscow time).
 * A draft or in-moderation solution costs 4; configure that with `weight`.
 */
export const STOCK_REPORT_WEIGHT = 5;
export const SOLUTION_WEIGHT = 1;

export const USER_WEIGHT_SCHEDULE: ReadonlyArray<{ from: Date; weight: number }> = [
  { from: new Date('2026-05-12T00:00:00+03:00'), weight: 2 },
  { from: new Date('2026-09-01T00:00:00+03:00'), weight: 3 },
  { from: new Date('2026-12-01T00:00:00+03:00'), weight: 4 },
];

const STOCK_REPORT_PATHS: ReadonlySet<string> = new Set([
  '/report/stock/all',
  '/report/stock/bystore',
]);

export interface WeighedRequest {
  method: string;
  /** Path under the base URL, without the query (`/entity/product`). */
  path: string;
}

/** A user request's weight on a given day. */
export function userWeightAt(date: Date): number {
  let weight = 1;
  for (const step of USER_WEIGHT_SCHEDULE) {
    if (date.getTime() >= step.from.getTime()) weight = step.weight;
  }
  return weight;
}

/** The documented weight of `request` made with `tokenKind` credentials at `date`. */
export function requestWeight(request: WeighedRequest, tokenKind: TokenKind, date: Date): number {
  const path = request.path.replace(/\/+$/, '');
  if (request.method.toUpperCase() === 'GET' && STOCK_REPORT_PATHS.has(path)) {
    return STOCK_REPORT_WEIGHT;
  }
  return tokenKind === 'solution' ? SOLUTION_WEIGHT : userWeightAt(date);
}
