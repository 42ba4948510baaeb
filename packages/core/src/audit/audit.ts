import type { AuditEntry } from '@crm/contracts';
import type { AuditLog, Prisma } from '@crm/db';
import { paginate } from '../common/pagination';
import type { CoreDeps } from '../deps';
import type { Actor } from './actor';

export type AuditTarget = { type: string; id: string | null };

export async function recordAudit(
  deps: Pick<CoreDeps, 'db'>,
  actor: Actor,
  action: string,
  target: AuditTarget | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await deps.db.prisma.auditLog.create({
    data: {
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      details: details as Prisma.InputJsonValue,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
    },
  });
}

export type AuditQuery = {
  limit: number;
  cursor?: string;
  sort: string;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
};

export async function listAudit(deps: Pick<CoreDeps, 'db'>, query: AuditQuery) {
  const where: Prisma.AuditLogWhereInput = {
    actorId: query.actorId,
    action: query.action?.endsWith('.') ? { startsWith: query.action } : query.action,
    targetType: query.targetType,
    targetId: query.targetId,
    createdAt: query.from || query.to ? { gte: query.from, lt: query.to } : undefined,
  };
  const page = await paginate<AuditLog>({
    input: query,
    sorts: { createdAt: { field: 'createdAt', kind: 'date', value: (r) => r.createdAt } },
    where,
    count: (args) => deps.db.prisma.auditLog.count(args as Prisma.AuditLogCountArgs),
    findMany: (args) => deps.db.prisma.auditLog.findMany(args as Prisma.AuditLogFindManyArgs),
  });
  return { ...page, items: page.items.map(toAuditEntry) };
}

function toAuditEntry(row: AuditLog): AuditEntry {
  return {
    id: row.id,
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    action: row.action,
    target: row.targetType ? { type: row.targetType, id: row.targetId } : null,
    details: row.details as Record<string, unknown>,
    ip: row.ip,
    requestId: row.requestId,
    createdAt: row.createdAt,
  };
}
