import { moyskladCredentialsSchema, moyskladSettingsSchema } from '@crm/contracts';
import {
  EntitySkipped,
  PermanentSyncError,
  type EntitySyncContext,
  type IntegrationPlugin,
} from '../plugin';

export type Script = {
  /** Pages per entity; each page counts `rows` fetched and created. */
  pages: Record<string, number>;
  rows?: number;
  /** Throw on this entity's page (1-based) the first `times` times it is reached. */
  crash?: { entity: string; page: number; times: number; permanent?: boolean };
  /** Entities that answer as if the employee may not read them. */
  forbidden?: string[];
  /** Called before every page; lets a test cancel a run or inspect it midway. */
  beforePage?: (entity: string, page: number) => Promise<void>;
  /** Webhook support: refuse registration with this message, or accept it. */
  webhooks?: { refuse?: string };
};

export type ScriptedPlugin = IntegrationPlugin & {
  calls: string[];
  /** URLs the source was asked to deliver to, and the deliveries it was given to apply. */
  webhookUrls: string[];
  deliveries: unknown[];
};

/**
 * A source whose behaviour a test scripts, for exercising the sync engine (order, resume,
 * cancellation, failures) without a real source. It uses MoySklad's settings and credentials so it
 * can stand in for the `moysklad` type.
 */
export function scriptedPlugin(script: Script): ScriptedPlugin {
  const calls: string[] = [];
  const webhookUrls: string[] = [];
  const deliveries: unknown[] = [];
  let crashes = 0;
  const entities = Object.keys(script.pages);
  return {
    calls,
    webhookUrls,
    deliveries,
    type: 'moysklad',
    displayName: 'Scripted source',
    settingsSchema: moyskladSettingsSchema,
    credentialsSchema: moyskladCredentialsSchema,
    entities: entities.map((name, i) => ({ name, dependsOn: i > 0 ? [entities[i - 1]!] : [] })),
    async testConnection() {
      return {
        ok: true,
        problems: [],
        account: {
          employee: 'Тестовый сотрудник',
          email: null,
          isAdmin: true,
          identity: 'employee:test',
        },
        entities: [],
        canSeeCost: true,
      };
    },
    async openSession() {
      return {
        async syncEntity(ctx: EntitySyncContext) {
          if (script.forbidden?.includes(ctx.entity))
            throw new EntitySkipped(`the employee may not read ${ctx.entity}`);
          const total = script.pages[ctx.entity]!;
          const rows = script.rows ?? 10;
          ctx.setTotal(total * rows);
          const start = (await ctx.checkpoint.get<{ page: number }>())?.page ?? 0;
          for (let page = start + 1; page <= total; page++) {
            await ctx.checkCancelled();
            await script.beforePage?.(ctx.entity, page);
            if (
              script.crash &&
              script.crash.entity === ctx.entity &&
              script.crash.page === page &&
              crashes < script.crash.times
            ) {
              crashes++;
              if (script.crash.permanent) throw new PermanentSyncError('wrong credentials');
              throw new Error(`connection reset on ${ctx.entity} page ${page}`);
            }
            calls.push(`${ctx.entity}:${page}`);
            ctx.countRequests(1);
            ctx.count({ fetched: rows, created: rows });
            await ctx.checkpoint.set({ page });
          }
        },
        async close() {},
      };
    },
    webhooks: script.webhooks && {
      async register({ url }) {
        webhookUrls.push(url);
        return script.webhooks?.refuse
          ? { status: 'unavailable', message: script.webhooks.refuse }
          : { status: 'active', registrations: [{ id: `hook-${webhookUrls.length}` }] };
      },
      async unregister() {},
      async process({ payloads }) {
        deliveries.push(...payloads);
        return { applied: payloads.length, deleted: 0 };
      },
    },
  };
}
