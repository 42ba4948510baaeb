import { createHmac } from 'node:crypto';
import type { TokenPair } from '@crm/contracts';

export const ADMIN = { email: 'admin@example.com', password: 'admin123' };

/** A fetch that records the tRPC procedures each request carried. */
export function recordingFetch(fail?: (procedures: string[]) => boolean) {
  const requests: string[][] = [];
  const recording: typeof fetch = async (input, init) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    const procedures = path.replace(/^\/trpc\//, '').split(',');
    requests.push(procedures);
    if (fail?.(procedures)) throw new TypeError('fetch failed');
    return fetch(input, init);
  };
  return {
    fetch: recording,
    count: (procedure: string) => requests.flat().filter((p) => p === procedure).length,
  };
}

/**
 * The same access token, expired an hour ago and signed with the server's key: what a client
 * holds when its clock or its store says the token is still good but the server disagrees.
 */
export function expireAccessToken(tokens: TokenPair, jwtSecret: string): TokenPair {
  const [header, payload] = tokens.accessToken.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const exp = Math.floor(Date.now() / 1000) - 3600;
  const body = Buffer.from(JSON.stringify({ ...claims, iat: exp - 900, exp })).toString(
    'base64url',
  );
  const signature = createHmac('sha256', jwtSecret).update(`${header}.${body}`).digest('base64url');
  return {
    ...tokens,
    accessToken: `${header}.${body}.${signature}`,
    accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
  };
}
