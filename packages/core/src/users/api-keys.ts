import type { ApiKey } from '@crm/contracts';
import type { Prisma } from '@crm/db';
import { formatApiKey, randomSecret, sha256 } from '../auth/secrets';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { roleIdsByName } from './roles';

const withRelations = { role: { select: { id: true, name: true } }, createdBy: { select: { email: true } } } as const;
type ApiKeyRow = Prisma.ApiKeyGetPayload<{ include: typeof withRelations }>;

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    hint: row.hint,
    createdAt: row.createdAt,
    createdBy: row.createdBy?.email ?? null,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

export async function listApiKeys(deps: CoreDeps): Promise<{ items: ApiKey[] }> {
  const rows = await deps.db.prisma.apiKey.findMany({ include: withRelations, orderBy: { createdAt: 'desc' } });
  return { items: rows.map(toApiKey) };
}

/** Creates a key and returns it once; only its digest is stored. */
export async function createApiKey(
  deps: CoreDeps,
  actor: Actor,
  input: { name: string; role: string; expiresAt?: Date },
): Promise<{ apiKey: ApiKey; key: string }> {
  if (input.expiresAt && input.expiresAt <= new Date()) {
    throw new DomainError('BAD_REQUEST', { en: 'The expiry must be in the future', ru: 'Срок действия должен быть в будущем' }, [
      { path: ['expiresAt'], text: { en: 'must be in the future', ru: 'должен быть в будущем' } },
    ]);
  }
  const [roleId] = await roleIdsByName(deps.db.prisma, [input.role], 'role');
  const id = crypto.randomUUID();
  const secret = randomSecret();
  const key = formatApiKey(id, secret);
  const row = await deps.db.prisma.apiKey.create({
    data: {
      id,
      name: input.name,
      secretHash: sha256(secret),
      hint: `${key.slice(0, 12)}…`,
      roleId: roleId!,
      createdById: actor.type === 'user' ? actor.id : null,
      expiresAt: input.expiresAt ?? null,
    },
    include: withRelations,
  });
  await recordAudit(deps, actor, 'api_keys.create', { type: 'api_key', id }, {
    name: row.name,
    role: row.role.name,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  });
  return { apiKey: toApiKey(row), key };
}

export async function revokeApiKey(deps: CoreDeps, actor: Actor, id: string): Promise<void> {
  const row = await deps.db.prisma.apiKey.findUnique({ where: { id } });
  if (!row) throw new DomainError('NOT_FOUND', { en: 'No such API key', ru: 'Такого API-ключа нет' });
  if (!row.revokedAt) await deps.db.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  await deps.events.publish({ type: 'api-key-revoked', apiKeyId: id });
  await recordAudit(deps, actor, 'api_keys.revoke', { type: 'api_key', id }, { name: row.name });
}
