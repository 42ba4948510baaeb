import type { CoreDeps } from '../deps';

export type AlertInput = {
  rule: string;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  /** Alerts with the same key are one alert while unresolved: raising it again counts an occurrence. */
  dedupKey: string;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
};

/** Raises an operational alert, or bumps the open one with the same dedup key. */
export async function raiseAlert(deps: Pick<CoreDeps, 'db'>, alert: AlertInput): Promise<void> {
  const details = JSON.stringify(alert.details ?? {});
  await deps.db.prisma.$executeRaw`
    INSERT INTO system_alerts (rule, severity, entity_type, entity_id, message, details, dedup_key)
    VALUES (${alert.rule}, ${alert.severity}::alert_severity, ${alert.entityType ?? null}, ${alert.entityId ?? null},
            ${alert.message}, ${details}::jsonb, ${alert.dedupKey})
    ON CONFLICT (dedup_key) WHERE resolved_at IS NULL
    DO UPDATE SET occurrences = system_alerts.occurrences + 1,
                  last_seen_at = now(),
                  message = excluded.message,
                  details = excluded.details,
                  severity = excluded.severity`;
}

/** Resolves the open alerts with these dedup keys (the condition they reported has cleared). */
export async function resolveAlerts(deps: Pick<CoreDeps, 'db'>, dedupKeys: string[]): Promise<number> {
  const result = await deps.db.prisma.systemAlert.updateMany({
    where: { dedupKey: { in: dedupKeys }, resolvedAt: null },
    data: { resolvedAt: new Date() },
  });
  return result.count;
}
