import { createHash } from 'node:crypto';

/**
 * Who the requests act as. A token does not say whether it belongs to a user or a solution,
 * yet the two are charged differently against the rate limit, so the caller states it.
 */
export type TokenKind = 'user' | 'solution';

export type Credentials =
  | { token: string; tokenKind?: TokenKind }
  /**
   * Login (`user@account`) and password, sent as Basic auth on every request. The client never
   * trades them for a token: `POST /security/token` revokes the user's other tokens.
   */
  | { login: string; password: string };

export function authorizationHeader(credentials: Credentials): string {
  if ('token' in credentials) {
    if (!credentials.token) throw new TypeError('MoySklad token is empty');
    return `Bearer ${credentials.token}`;
  }
  if (!credentials.login) throw new TypeError('MoySklad login is empty');
  const pair = `${credentials.login}:${credentials.password}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/** Basic auth is a user; a token is whatever the caller says, a user's by default. */
export function tokenKindOf(credentials: Credentials): TokenKind {
  return 'token' in credentials ? (credentials.tokenKind ?? 'user') : 'user';
}

/**
 * A rate-limit key derived from the credentials alone: the login, or a hash of the token (never
 * the token itself, since keys end up in Redis and logs). Two tokens of one user get different
 * keys this way; pass the key from `client.identity()` to share one budget between them.
 */
export function credentialsKey(credentials: Credentials): string {
  if ('token' in credentials) {
    const digest = createHash('sha256').update(credentials.token).digest('hex').slice(0, 16);
    return `token:${digest}`;
  }
  return `login:${credentials.login.toLowerCase()}`;
}
