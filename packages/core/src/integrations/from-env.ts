import { moyskladSettingsSchema, type MoyskladCredentials } from '@crm/contracts';
import type { Actor } from '../audit/actor';
import type { CoreDeps } from '../deps';
import { createIntegration, readCredentials, updateIntegration } from './records';

const ENV_NAME = 'MoySklad';

/**
 * Keeps the integration that MOYSKLAD_* variables describe in step with them: created at the
 * first start, its credentials and settings updated when the variables change. Returns its id,
 * and whether it is new (so the caller starts the first sync).
 */
export async function ensureEnvIntegration(
  deps: CoreDeps,
  actor: Actor,
): Promise<{ id: string; created: boolean } | null> {
  const { credentials: env, baseUrl, syncIntervalMinutes } = deps.config.moysklad;
  if (!env) return null;
  const credentials: MoyskladCredentials =
    env.kind === 'token'
      ? { kind: 'token', token: env.token }
      : { kind: 'basic', login: env.username, password: env.password };
  const settings = moyskladSettingsSchema.parse({
    baseUrl,
    tokenKind: env.kind === 'token' ? env.tokenKind : 'user',
    syncIntervalMinutes,
  });

  const existing = await deps.db.prisma.integration.findFirst({
    where: { origin: 'env', type: 'moysklad' },
  });
  if (!existing) {
    const created = await createIntegration(deps, actor, {
      type: 'moysklad',
      name: ENV_NAME,
      settings,
      credentials,
      origin: 'env',
    });
    return { id: created.id, created: true };
  }
  let storedCredentials: unknown = null;
  try {
    storedCredentials = readCredentials(deps, existing);
  } catch {
    // unreadable (ENCRYPTION_KEY changed): the variables replace them
  }
  const stored = existing.settings as Record<string, unknown>;
  const settingsChanged = (['baseUrl', 'tokenKind', 'syncIntervalMinutes'] as const).some(
    (k) => stored[k] !== settings[k],
  );
  const credentialsChanged = JSON.stringify(storedCredentials) !== JSON.stringify(credentials);
  if (settingsChanged || credentialsChanged) {
    await updateIntegration(deps, actor, {
      id: existing.id,
      settings: settingsChanged ? settings : undefined,
      credentials: credentialsChanged ? credentials : undefined,
    });
  }
  return { id: existing.id, created: false };
}
