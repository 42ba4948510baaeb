import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'crm';
const AUDIENCE = 'crm-api';

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** A short-lived JWT naming the user and the session; the session is checked on every request. */
export async function signAccessToken(secret: string, userId: string, sessionId: string, now = new Date()) {
  const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
  const token = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keyOf(secret));
  return { token, expiresAt };
}

export type AccessClaims = { userId: string; sessionId: string };

/** The claims of a valid token; `expired` and `invalid` are told apart so clients know to refresh. */
export async function verifyAccessToken(secret: string, token: string): Promise<AccessClaims | 'expired' | 'invalid'> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return 'invalid';
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    return error instanceof errors.JWTExpired ? 'expired' : 'invalid';
  }
}
