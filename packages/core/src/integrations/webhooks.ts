import type { Prisma } from '@crm/db';
import { randomSecret, sameDigest, sha256 } from '../auth/secrets';
import type { CoreDeps } from '../deps';
import { QUEUES } from '../jobs/queues';

/** How long deliveries are remembered for recognising duplicates. */
export const DELIVERY_RETENTION_DAYS = 7;

export type WebhookIntake = 'accepted' | 'duplicate' | 'unknown';

const secretCache = new Map<string, { hash: string; until: number }>();

async function secretHashOf(
  deps: Pick<CoreDeps, 'db'>,
  integrationId: string,
): Promise<string | null> {
  const cached = secretCache.get(integrationId);
  if (cached && cached.until > Date.now()) return cached.hash;
  const row = await deps.db.prisma.integrationWebhook.findUnique({
    where: { integrationId },
    select: { secretHash: true, status: true },
  });
  if (!row || row.status === 'off') return null;
  secretCache.set(integrationId, { hash: row.secretHash, until: Date.now() + 30_000 });
  return row.secretHash;
}

const KICK_DELAY_MS = 200;
const kicks = new Map<string, NodeJS.Timeout>();

/**
 * Asks for an integration's pending deliveries to be applied. Deliveries arriving together share
 * one request to the queue, and the queue keeps one waiting job per integration.
 */
export function kickWebhookProcessing(
  deps: Pick<CoreDeps, 'boss' | 'log'>,
  integrationId: string,
): void {
  if (kicks.has(integrationId)) return;
  kicks.set(
    integrationId,
    setTimeout(() => {
      kicks.delete(integrationId);
      deps.boss
        ?.send(QUEUES.webhook.name, { integrationId }, { singletonKey: integrationId })
        .catch((error: unknown) =>
          deps.log.error({ err: error, integrationId }, 'could not queue webhook processing'),
        );
    }, KICK_DELAY_MS),
  );
}

/**
 * Takes a delivery in: checks the secret from the URL and stores the delivery under its request
 * id (a retried or duplicated delivery is recognised and answered without being stored again) —
 * one statement, so the answer goes back well within MoySklad's 1.5 s. The webhook job applies it.
 */
export async function acceptWebhook(
  deps: CoreDeps,
  input: { integrationId: string; secret: string; requestId: string; payload: unknown },
): Promise<WebhookIntake> {
  const hash = await secretHashOf(deps, input.integrationId);
  if (!hash || !sameDigest(hash, sha256(input.secret))) return 'unknown';
  const events = (input.payload as { events?: unknown[] })?.events?.length ?? 0;
  const inserted = await deps.db.prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO webhook_deliveries (integration_id, request_id, events, payload)
    VALUES (${input.integrationId}::uuid, ${input.requestId}, ${events}, ${JSON.stringify(input.payload)}::jsonb)
    ON CONFLICT (integration_id, request_id) DO NOTHING
    RETURNING id`;
  if (!inserted[0]) return 'duplicate';
  kickWebhookProcessing(deps, input.integrationId);
  return 'accepted';
}

/** A new secret and the URL the source should deliver to; only the secret's digest is kept. */
export async function issueWebhookUrl(
  deps: Pick<CoreDeps, 'db' | 'config'>,
  integrationId: string,
  type: string,
): Promise<string> {
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
  state: {
    status: 'active' | 'unavailable' | 'off';
    message: string | null;
    registrations?: Prisma.InputJsonValue[];
  },
): Promise<void> {
  await deps.db.prisma.integrationWebhook.upsert({
    where: { integrationId },
    create: {
      integrationId,
      secretHash: sha256(randomSecret()),
      status: state.status,
      message: state.message,
      registrations: state.registrations ?? [],
    },
    update: { status: state.status, message: state.message, registrations: state.registrations },
  });
  secretCache.delete(integrationId);
}

/**
 * The next pending deliveries of an integration, oldest first, locked until the transaction that
 * applies them ends (so two workers never apply the same one).
 */
export async function claimPendingDeliveries(
  tx: Prisma.TransactionClient,
  integrationId: string,
  limit: number,
): Promise<{ id: string; payload: unknown }[]> {
  return tx.$queryRaw<{ id: string; payload: unknown }[]>`
    SELECT id, payload FROM webhook_deliveries
     WHERE integration_id = ${integrationId}::uuid AND processed_at IS NULL
     ORDER BY received_at
     LIMIT ${limit}
     FOR UPDATE SKIP LOCKED`;
}

/** Integrations with deliveries left waiting (a crash between intake and queueing), for the scheduler. */
export async function integrationsWithStaleDeliveries(
  deps: Pick<CoreDeps, 'db'>,
  olderThanMs: number,
): Promise<string[]> {
  const rows = await deps.db.prisma.$queryRaw<{ integration_id: string }[]>`
    SELECT DISTINCT integration_id FROM webhook_deliveries
     WHERE processed_at IS NULL AND received_at < now() - ${olderThanMs} * interval '1 millisecond'`;
  return rows.map((r) => r.integration_id);
}

export async function markDeliveriesProcessed(
  tx: Prisma.TransactionClient,
  deliveryIds: string[],
): Promise<void> {
  await tx.$executeRaw`
    WITH d AS (
      UPDATE webhook_deliveries SET processed_at = now() WHERE id = ANY(${deliveryIds}::uuid[])
      RETURNING integration_id, received_at
    )
    UPDATE integration_webhooks w SET last_delivery_at = GREATEST(w.last_delivery_at, latest.at)
      FROM (SELECT integration_id, max(received_at) AS at FROM d GROUP BY integration_id) latest
     WHERE w.integration_id = latest.integration_id`;
}

export async function pruneWebhookDeliveries(deps: Pick<CoreDeps, 'db'>): Promise<number> {
  const result = await deps.db.prisma.webhookDelivery.deleteMany({
    where: { receivedAt: { lt: new Date(Date.now() - DELIVERY_RETENTION_DAYS * 86_400_000) } },
  });
  return result.count;
}
