import {
  integrationTypeSchema,
  type Integration,
  type IntegrationDetails,
  type IntegrationType,
} from '@crm/contracts';
import { Prisma, type Integration as IntegrationRecord, type IntegrationWebhook } from '@crm/db';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { QUEUES } from '../jobs/queues';
import { syncedFigures } from '../synced/figures';
import { CONNECTIONS } from './connections';
import { openSecrets, sealSecrets, SecretsUnreadableError } from './secrets-box';

type IntegrationRow = IntegrationRecord & { webhook: IntegrationWebhook | null };
const withWebhook = { webhook: true } as const;

const notFound = () =>
  new DomainError('NOT_FOUND', { en: 'No such integration', ru: 'Такой интеграции нет' });

/** Removed without purging: kept (its data stays attached) but hidden. */
const isRemoved = (row: Pick<IntegrationRow, 'state'>) =>
  (row.state as { removedAt?: string }).removedAt !== undefined;

const dateOf = (value: unknown) => (typeof value === 'string' ? new Date(value) : null);

/** When the data was last brought up to date, and how webhooks are doing. */
function healthOf(row: IntegrationRow): Integration['health'] {
  const state = row.state as Record<string, unknown>;
  const lastFullSyncAt = dateOf(state.last_full_sync_at);
  const lastIncrementalSyncAt = dateOf(state.last_incremental_sync_at);
  const lastReconcileAt = dateOf(state.last_reconcile_sync_at);
  const freshest = Math.max(lastFullSyncAt?.getTime() ?? 0, lastIncrementalSyncAt?.getTime() ?? 0);
  const webhook = row.webhook;
  return {
    lastFullSyncAt,
    lastIncrementalSyncAt,
    lastReconcileAt,
    lastSyncError: typeof state.lastSyncError === 'string' ? state.lastSyncError : null,
    lagSeconds: freshest ? Math.max(0, Math.round((Date.now() - freshest) / 1000)) : null,
    webhooks: {
      status: (webhook?.status as Integration['health']['webhooks']['status']) ?? 'off',
      message: webhook?.message ?? null,
      lastDeliveryAt: webhook?.lastDeliveryAt ?? null,
    },
  };
}

export function toIntegration(deps: Pick<CoreDeps, 'config'>, row: IntegrationRow): Integration {
  let credentials: Integration['credentials'] = null;
  if (row.secrets) {
    try {
      const type = integrationTypeSchema.parse(row.type);
      credentials = CONNECTIONS[type].hint(readCredentials(deps, row));
    } catch (error) {
      credentials = {
        kind: 'unreadable',
        hint:
          error instanceof SecretsUnreadableError
            ? 'cannot be decrypted; enter them again'
            : 'invalid',
      };
    }
  }
  return {
    id: row.id,
    type: integrationTypeSchema.parse(row.type),
    name: row.name,
    status: row.status,
    statusMessage: row.statusMessage,
    origin: row.origin as Integration['origin'],
    settings: row.settings as Record<string, unknown>,
    credentials,
    state: row.state as Record<string, unknown>,
    health: healthOf(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The decrypted credentials of an integration; for connectors only, never for responses. */
export function readCredentials(
  deps: Pick<CoreDeps, 'config'>,
  row: Pick<IntegrationRow, 'id' | 'type' | 'secrets'>,
): unknown {
  if (!row.secrets)
    throw new DomainError('PRECONDITION_FAILED', {
      en: 'The integration has no credentials',
      ru: 'У интеграции нет учётных данных',
    });
  const type = integrationTypeSchema.parse(row.type);
  return CONNECTIONS[type].credentials.parse(
    openSecrets(deps.config.encryptionKey, row.id, row.secrets),
  );
}

export async function findIntegration(
  deps: Pick<CoreDeps, 'db'>,
  id: string,
): Promise<IntegrationRow> {
  const row = await deps.db.prisma.integration.findUnique({ where: { id }, include: withWebhook });
  if (!row || isRemoved(row)) throw notFound();
  return row;
}

export async function listIntegrations(deps: CoreDeps): Promise<Integration[]> {
  const rows = await deps.db.prisma.integration.findMany({
    orderBy: { createdAt: 'asc' },
    include: withWebhook,
  });
  return rows.filter((r) => !isRemoved(r)).map((r) => toIntegration(deps, r));
}

export async function getIntegration(deps: CoreDeps, id: string): Promise<Integration> {
  return toIntegration(deps, await findIntegration(deps, id));
}

/** An integration with what it has synced: rows held and deleted, and sync state, per entity. */
export async function getIntegrationDetails(
  deps: CoreDeps,
  id: string,
): Promise<IntegrationDetails> {
  const integration = await getIntegration(deps, id);
  return { ...integration, entities: await syncedFigures(deps.db, id) };
}

const nameTaken = (name: string) =>
  new DomainError(
    'CONFLICT',
    { en: `An integration named "${name}" exists`, ru: `Интеграция «${name}» уже есть` },
    [{ path: ['name'], text: { en: 'is taken', ru: 'уже занято' } }],
  );

export type NewIntegration = {
  type: IntegrationType;
  name: string;
  settings: unknown;
  credentials: unknown;
  origin?: 'api' | 'env' | 'demo';
};

export async function createIntegration(
  deps: CoreDeps,
  actor: Actor,
  input: NewIntegration,
): Promise<Integration> {
  const connection = CONNECTIONS[input.type];
  const settings = connection.settings.parse(input.settings) as Prisma.InputJsonValue;
  const credentials = connection.credentials.parse(input.credentials);
  const id = crypto.randomUUID();
  try {
    const row = await deps.db.prisma.integration.create({
      data: {
        id,
        type: input.type,
        name: input.name,
        settings,
        secrets: new Uint8Array(sealSecrets(deps.config.encryptionKey, id, credentials)),
        origin: input.origin ?? 'api',
      },
      include: withWebhook,
    });
    await recordAudit(
      deps,
      actor,
      'integrations.create',
      { type: 'integration', id },
      { name: row.name, type: row.type, origin: row.origin },
    );
    await queueWebhookRegistration(deps, id, 'register');
    if (row.origin !== 'demo') await endDemo(deps);
    return toIntegration(deps, row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw nameTaken(input.name);
    throw error;
  }
}

export async function updateIntegration(
  deps: CoreDeps,
  actor: Actor,
  input: {
    id: string;
    name?: string;
    enabled?: boolean;
    settings?: Record<string, unknown>;
    credentials?: Record<string, unknown>;
  },
): Promise<Integration> {
  const current = await findIntegration(deps, input.id);
  const connection = CONNECTIONS[integrationTypeSchema.parse(current.type)];
  const fieldError = (path: string, error: unknown) => {
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
    return new DomainError(
      'BAD_REQUEST',
      { en: `Invalid ${path}`, ru: `Неверные данные в ${path}` },
      issues.map((i) => ({
        path: [path, ...i.path.map(String)],
        text: { en: i.message, ru: i.message },
      })),
    );
  };
  let settings: Prisma.InputJsonValue | undefined;
  if (input.settings) {
    const parsed = connection.settings.safeParse({
      ...(current.settings as object),
      ...input.settings,
    });
    if (!parsed.success) throw fieldError('settings', parsed.error);
    settings = parsed.data as Prisma.InputJsonValue;
  }
  let secrets: Uint8Array<ArrayBuffer> | undefined;
  if (input.credentials) {
    const parsed = connection.credentials.safeParse(input.credentials);
    if (!parsed.success) throw fieldError('credentials', parsed.error);
    secrets = new Uint8Array(sealSecrets(deps.config.encryptionKey, current.id, parsed.data));
  }
  const status = input.enabled === undefined ? undefined : input.enabled ? 'active' : 'disabled';
  try {
    const row = await deps.db.prisma.integration.update({
      where: { id: input.id },
      data: {
        name: input.name,
        settings,
        secrets,
        status,
        statusMessage: status === 'active' || secrets ? null : undefined,
      },
      include: withWebhook,
    });
    if (status !== undefined || settings !== undefined || secrets !== undefined) {
      await queueWebhookRegistration(
        deps,
        row.id,
        status === 'disabled' ? 'unregister' : 'register',
      );
    }
    await recordAudit(
      deps,
      actor,
      'integrations.update',
      { type: 'integration', id: row.id },
      {
        name: row.name,
        changed: Object.keys(input).filter(
          (k) => k !== 'id' && input[k as keyof typeof input] !== undefined,
        ),
      },
    );
    return toIntegration(deps, row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw nameTaken(input.name ?? '');
    throw error;
  }
}

/**
 * Removes an integration. With `purge` its row goes and every synced row with it (they cascade);
 * without, it is disabled and hidden under a new name, and its data stays.
 */
export async function deleteIntegration(
  deps: CoreDeps,
  actor: Actor,
  id: string,
  purge: boolean,
): Promise<void> {
  const row = await findIntegration(deps, id);
  if (purge) {
    await deps.db.prisma.integration.delete({ where: { id } });
  } else {
    const removedAt = new Date().toISOString();
    await deps.db.prisma.integration.update({
      where: { id },
      data: {
        name: `${row.name} (removed ${removedAt})`,
        status: 'disabled',
        state: { ...(row.state as object), removedAt } as Prisma.InputJsonValue,
      },
    });
  }
  await recordAudit(
    deps,
    actor,
    'integrations.delete',
    { type: 'integration', id },
    { name: row.name, purge },
  );
}

/** What the demo integration says once a real account replaced it: how to remove its data. */
const demoEndedMessage = (demo: { id: string; name: string }) =>
  `The demo ended when a real account was connected; its data stays until you remove it: ` +
  `crm integrations remove "${demo.name}" --purge ` +
  `(or DELETE /api/v1/admin/integrations/${demo.id}?purge=true)`;

/** A real account replaces the demo: its integration stops syncing; its data stays until purged. */
async function endDemo(deps: CoreDeps) {
  const demos = (await deps.db.prisma.integration.findMany({ where: { origin: 'demo' } })).filter(
    (row) => !isRemoved(row),
  );
  for (const demo of demos) {
    await deps.db.prisma.integration.update({
      where: { id: demo.id },
      data: { status: 'disabled', statusMessage: demoEndedMessage(demo) },
    });
  }
  if (demos.length) await deps.events.publish({ type: 'demo-ended' });
}

/** Webhooks follow the integration: registered when it is created or enabled, removed when disabled. */
async function queueWebhookRegistration(
  deps: CoreDeps,
  integrationId: string,
  action: 'register' | 'unregister',
) {
  await deps.boss?.send(
    QUEUES.webhookRegistration.name,
    { integrationId, action },
    { singletonKey: `${integrationId}:${action}` },
  );
}

/** Merges connector-owned state (webhooks, last syncs, lag) into the integration's state. */
export async function patchIntegrationState(
  deps: Pick<CoreDeps, 'db'>,
  id: string,
  patch: Record<string, unknown>,
  status?: { status: 'active' | 'error'; message: string | null },
): Promise<void> {
  await deps.db.prisma.$executeRaw`
    UPDATE integrations
       SET state = state || ${JSON.stringify(patch)}::jsonb,
           status = CASE WHEN status = 'disabled' OR ${status?.status ?? null}::integration_status IS NULL
                         THEN status ELSE ${status?.status ?? null}::integration_status END,
           -- A disabled integration keeps the message that says why (e.g. how to purge the demo's data).
           status_message = CASE WHEN ${status === undefined} OR status = 'disabled'
                                 THEN status_message ELSE ${status?.message ?? null} END,
           updated_at = now()
     WHERE id = ${id}::uuid`;
}
