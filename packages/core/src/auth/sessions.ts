import type { Session, TokenPair } from '@crm/contracts';
import { raiseAlert } from '../alerts/raise';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { signAccessToken } from './access-token';
import { formatRefreshToken, parseRefreshToken, randomSecret, sameDigest, sha256 } from './secrets';

export const REFRESH_IDLE_DAYS = 30;
export const REFRESH_ABSOLUTE_DAYS = 90;
/** Two tabs refreshing at once both present the same token; within this window neither is theft. */
export const REFRESH_GRACE_SECONDS = 10;

const DAY = 86_400_000;

const invalidToken = () =>
  new DomainError('UNAUTHORIZED', {
    en: 'The refresh token is invalid or expired; sign in again',
    ru: 'Токен обновления недействителен или истёк; войдите снова',
  });

export type ClientInfo = { ip?: string; userAgent?: string };

async function issueTokens(deps: CoreDeps, userId: string, sessionId: string, expiresAt: Date): Promise<TokenPair> {
  const secret = randomSecret();
  const row = await deps.db.prisma.refreshToken.create({ data: { sessionId, secretHash: sha256(secret) } });
  const access = await signAccessToken(deps.config.jwtSecretKey, userId, sessionId);
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken: formatRefreshToken(row.id, secret),
    refreshTokenExpiresAt: expiresAt,
    tokenType: 'Bearer',
  };
}

export async function startSession(deps: CoreDeps, userId: string, client: ClientInfo): Promise<TokenPair> {
  const session = await deps.db.prisma.session.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + REFRESH_IDLE_DAYS * DAY),
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    },
  });
  return issueTokens(deps, userId, session.id, session.expiresAt);
}

async function findToken(deps: CoreDeps, presented: string) {
  const parsed = parseRefreshToken(presented);
  if (!parsed) throw invalidToken();
  const token = await deps.db.prisma.refreshToken.findUnique({
    where: { id: parsed.id },
    include: { session: { include: { user: { select: { status: true, email: true } } } } },
  });
  if (!token || !sameDigest(token.secretHash, sha256(parsed.secret))) throw invalidToken();
  return token;
}

export async function revokeSessions(deps: CoreDeps, where: { ids?: string[]; userId?: string; exceptId?: string }, reason: string) {
  const sessions = await deps.db.prisma.session.findMany({
    where: {
      id: where.ids ? { in: where.ids, ...(where.exceptId ? { not: where.exceptId } : {}) } : where.exceptId ? { not: where.exceptId } : undefined,
      userId: where.userId,
      revokedAt: null,
    },
    select: { id: true },
  });
  const ids = sessions.map((s) => s.id);
  if (ids.length === 0) return 0;
  await deps.db.prisma.session.updateMany({ where: { id: { in: ids } }, data: { revokedAt: new Date(), revokedReason: reason } });
  await deps.events.publish({ type: 'session-revoked', sessionIds: ids });
  return ids.length;
}

/**
 * Spends a refresh token for a new pair. A spent token presented again within the grace window
 * (two tabs racing) gets a pair of its own; after the window it means the token was stolen, and
 * the whole session is revoked and an alert raised.
 */
export async function refreshSession(deps: CoreDeps, presented: string, client: ClientInfo): Promise<TokenPair> {
  const token = await findToken(deps, presented);
  const { session } = token;
  const now = new Date();
  if (session.revokedAt || session.expiresAt <= now || session.user.status !== 'active') throw invalidToken();

  const spent = token.supersededAt
    ? token.supersededAt
    : (await deps.db.prisma.refreshToken.updateMany({ where: { id: token.id, supersededAt: null }, data: { supersededAt: now } })).count === 1
      ? null
      : now; // another request spent it a moment ago

  if (spent && now.getTime() - spent.getTime() > REFRESH_GRACE_SECONDS * 1000) {
    await revokeSessions(deps, { ids: [session.id] }, 'refresh_token_reuse');
    const actor: Actor = { type: 'user', id: session.userId, label: session.user.email, ip: client.ip };
    await recordAudit(deps, actor, 'auth.refresh_token_reuse', { type: 'session', id: session.id }, { tokenId: token.id });
    await raiseAlert(deps, {
      rule: 'auth.refresh_token_reuse',
      severity: 'critical',
      message: `A spent refresh token of ${session.user.email} was presented again; the session was revoked`,
      dedupKey: `auth.refresh_token_reuse:${session.id}`,
      entityType: 'user',
      entityId: session.userId,
      details: { sessionId: session.id, ip: client.ip ?? null, userAgent: client.userAgent ?? null },
    });
    throw new DomainError('UNAUTHORIZED', {
      en: 'This refresh token was already used; the session has been signed out for safety',
      ru: 'Этот токен обновления уже использован; сеанс завершён в целях безопасности',
    });
  }

  const absoluteEnd = session.createdAt.getTime() + REFRESH_ABSOLUTE_DAYS * DAY;
  const expiresAt = new Date(Math.min(now.getTime() + REFRESH_IDLE_DAYS * DAY, absoluteEnd));
  await deps.db.prisma.session.update({ where: { id: session.id }, data: { lastUsedAt: now, expiresAt } });
  return issueTokens(deps, session.userId, session.id, expiresAt);
}

export async function endSession(deps: CoreDeps, presented: string): Promise<void> {
  const token = await findToken(deps, presented);
  await revokeSessions(deps, { ids: [token.sessionId] }, 'logout');
}

export async function listSessions(deps: CoreDeps, userId: string, currentSessionId: string | null): Promise<Session[]> {
  const rows = await deps.db.prisma.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastUsedAt: 'desc' },
  });
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    lastUsedAt: s.lastUsedAt,
    expiresAt: s.expiresAt,
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === currentSessionId,
  }));
}

export async function revokeOwnSession(deps: CoreDeps, userId: string, sessionId: string): Promise<void> {
  const session = await deps.db.prisma.session.findFirst({ where: { id: sessionId, userId } });
  if (!session) throw new DomainError('NOT_FOUND', { en: 'No such session', ru: 'Такого сеанса нет' });
  await revokeSessions(deps, { ids: [sessionId] }, 'revoked_by_user');
}
