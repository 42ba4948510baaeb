import type { Prisma } from '@crm/db';
import { randomSecret, sameDigest, sha256 } from '../auth/secrets';
import type { CoreDeps } from '../deps';
import { QUEUES } from '../jobs/queues';

/** How long deliveries are remembered for recognising duplicates. */
export const DELIVERY_RETENTION_DAYS = 7;

export type WebhookIntake = 'accepted' | 'duplicate' | 'unknown';

const secretCache = new Map<string, { hash: string; until: number }>();

async function secretHashOf(deps: Pick<CoreDeps, 'db'>, integrationId: string): Promise<string | null> {
  const cached = secretCache.get(integrationId);
  if (cached && cached.until > Date.now()) return cached.hash;
  const row = await deps.db.prisma.integrationWebhook.findUnique({ where: { integrationId }, select: { secretHash: true, status: true } });
  if (!row || row.status === 'off') return null;
  secretCache.set(integrationId, { hash: row.secretHash, until: Date.now() + 30_000 });
  return row.secretHash;
}

/**
 * Takes a delivery in: checks the secret from the URL, records the request id (a retried or
 * duplicated delivery is recognised and answered without being queued again) and queues it.
 * Nothing slow happens here: the source waits at most 1.5 s for the answer.
 */
export async function acceptWebhook(
  deps: CoreDeps,
  input: { integrationId: string; secret: string; requestId: string; payload: unknown },
): Promise<WebhookIntake> {
  const hash = await secretHashOf(deps, input.integrationId);
  if (!hash || !sameDigest(hash, sha256(input.secret))) return 'unknown';
  const events = (input.payload as { events?: unknown[] })?.events?.length ?? 0;
  const inserted = await deps.db.prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO webhook_deliveries (integration_id, request_id, events)
    VALUES (${input.integrationId}::uuid, ${input.requestId}, ${events})
    ON CONFLICT (integration_id, request_id) DO NOTHING
    RETURNING id`;
  const delivery = inserted[0];
  if (!delivery) return 'duplicate';
  if (!deps.boss) throw new Error('the job queue does not run in this process');
  await deps.boss.send(QUEUES.webhook.name, { integrationId: input.integrationId, deliveryId: delivery.id, payload: input.payload });
  return 'accepted';
}

/** A new secret and the URL the source should deliver to; only the secret's digest is kept. */
export async function issueWebhookUrl(deps: Pick<CoreDeps, 'db' | 'config'>, integrationId: string, type: string): Promise<string> {
  const secret = randomSecret(24);
  await deps.db.prisma.integrationWebhook.upsert({
    where: { integrationId },
    create: { integrationId, secretHash: sha256(secret), status: 'pending' },
    update: { secretHash: sha256(secret), status: 'pending', message: null },
  });
  secretCache.delete(integrationId);
  return `${deps.config.publicBaseUrl}/webhooks/${type}/${integrationId}/${secret}`;
}

export async function saveWebhookState(
  deps: Pick<CoreDeps, 'db'>,
  integrationId: string,
  state: { status: 'active' | 'unavailable' | 'off'; message: string | null; registrations?: Prisma.InputJsonValue[] },
): Promise<void> {
  await deps.db.prisma.integrationWebhook.upsert({
    where: { integrationId },
    create: { integrationId, secretHash: sha256(randomSecret()), status: state.status, message: state.message, registrations: state.registrations ?? [] },
    update: { status: state.status, message: state.message, registrations: state.registrations },
  });
  secretCache.delete(integrationId);
}

export async function markDeliveryProcessed(deps: Pick<CoreDeps, 'db'>, deliveryId: string): Promise<void> {
  await deps.db.prisma.$executeRaw`
    WITH d AS (UPDATE webhook_deliveries SET processed_at = now() WHERE id = ${deliveryId}::uuid RETURNING integration_id, received_at)
    UPDATE integration_webhooks w SET last_delivery_at = GREATEST(w.last_delivery_at, d.received_at) FROM d WHERE w.integration_id = d.integration_id`;
}

export async function pruneWebhookDeliveries(deps: Pick<CoreDeps, 'db'>): Promise<number> {
  const result = await deps.db.prisma.webhookDelivery.deleteMany({
    where: { receivedAt: { lt: new Date(Date.now() - DELIVERY_RETENTION_DAYS * 86_400_000) } },
  });
  return result.count;
}
