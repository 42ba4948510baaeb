import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { verifyAccessToken } from './access-token';
import { grantsOf, type Principal } from './principal';
import { looksLikeApiKey, parseApiKey, sameDigest, sha256 } from './secrets';

const rejected = (en: string, ru: string) => new DomainError('UNAUTHORIZED', { en, ru });

/** How often an API key's last-used time is written, at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

async function sessionPrincipal(deps: CoreDeps, sessionId: string, userId: string): Promise<Principal> {
  const key = `session:${sessionId}`;
  const cached = deps.auth.principals.get(key);
  if (cached) return cached.principal;
  const session = await deps.db.prisma.session.findUnique({
    where: { id: sessionId },
    include: { user: { include: { roles: { include: { role: true } } } } },
  });
  if (!session || session.userId !== userId || session.revokedAt || session.expiresAt <= new Date()) {
    throw rejected('The session has ended; sign in again', 'Сеанс завершён; войдите снова');
  }
  if (session.user.status !== 'active') throw rejected('This account is disabled', 'Эта учётная запись отключена');
  const roles = session.user.roles.map((r) => r.role);
  const principal: Principal = {
    type: 'user',
    id: session.user.id,
    label: session.user.email,
    name: session.user.name,
    sessionId,
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
    permissions: grantsOf(roles),
  };
  deps.auth.principals.set(key, { principal }, session.userId, session.expiresAt);
  return principal;
}

async function apiKeyPrincipal(deps: CoreDeps, presented: string): Promise<Principal> {
  const invalid = () => rejected('The API key is invalid, revoked or expired', 'API-ключ недействителен, отозван или истёк');
  const parsed = parseApiKey(presented);
  if (!parsed) throw invalid();
  const key = `api_key:${parsed.id}`;
  let cached = deps.auth.principals.get(key);
  if (!cached) {
    const row = await deps.db.prisma.apiKey.findUnique({ where: { id: parsed.id }, include: { role: true } });
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) throw invalid();
    cached = {
      principal: {
        type: 'api_key',
        id: row.id,
        label: row.name,
        name: row.name,
        sessionId: null,
        roles: [{ id: row.role.id, name: row.role.name }],
        permissions: grantsOf([row.role]),
      },
      secretHash: row.secretHash,
    };
    deps.auth.principals.set(key, cached, null, row.expiresAt ?? undefined);
  }
  if (!sameDigest(cached.secretHash ?? '', sha256(parsed.secret))) throw invalid();
  touchApiKey(deps, parsed.id);
  return cached.principal;
}

const lastTouched = new Map<string, number>();

function touchApiKey(deps: CoreDeps, id: string) {
  const now = Date.now();
  if (now - (lastTouched.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
  lastTouched.set(id, now);
  deps.db.prisma.apiKey
    .update({ where: { id }, data: { lastUsedAt: new Date(now) } })
    .catch((error: unknown) => deps.log.warn({ err: error }, 'could not record API key use'));
}

/**
 * The principal behind a request's credentials: `Authorization: Bearer <access token or API key>`
 * or `X-API-Key`. No credentials: null. Bad credentials: UNAUTHORIZED with the reason.
 */
export async function authenticate(
  deps: CoreDeps,
  headers: { authorization?: string; apiKey?: string },
): Promise<Principal | null> {
  if (headers.apiKey) return apiKeyPrincipal(deps, headers.apiKey.trim());
  if (!headers.authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization);
  if (!match) throw rejected('Use "Authorization: Bearer <token>"', 'Используйте «Authorization: Bearer <токен>»');
  const credential = match[1]!;
  if (looksLikeApiKey(credential)) return apiKeyPrincipal(deps, credential);
  const claims = await verifyAccessToken(deps.config.jwtSecretKey, credential);
  if (claims === 'expired') throw rejected('The access token has expired; refresh it', 'Срок действия токена доступа истёк; обновите его');
  if (claims === 'invalid') throw rejected('The access token is invalid', 'Токен доступа недействителен');
  return sessionPrincipal(deps, claims.sessionId, claims.userId);
}
