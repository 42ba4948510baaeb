import type { Context, Hono } from 'hono';
import { ZodError } from 'zod';
import type { DatasetSize } from '../dataset/sizes';
import { AUDIT_SOURCES, type AuditSource } from '../live/audit';
import type { ChangeOptions } from '../live/transaction';
import { bad, ChangeError, isObject } from '../live/values';
import { DOCUMENT_TYPES } from '../model/types';
import { parseMsk } from '../time/moscow';
import type { Runtime } from './runtime';

type Handler = (c: Context) => unknown;

/** Control errors are plain JSON `{ error }` with the status of the refusal. */
function guarded(handler: Handler) {
  return async (c: Context) => {
    try {
      const result = await handler(c);
      if (result instanceof Response) return result;
      return c.json(result ?? { ok: true });
    } catch (error) {
      if (error instanceof ChangeError) return c.json({ error: error.message }, error.status);
      if (error instanceof ZodError)
        return c.json(
          { error: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') },
          400,
        );
      throw error;
    }
  };
}

async function body(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw bad('the body is not JSON');
  }
}

async function objectBody(c: Context): Promise<Record<string, unknown>> {
  const value = await body(c);
  if (!isObject(value)) throw bad('expected a JSON object');
  return value;
}

/**
 * Who makes the change: `?uid=<login>&source=<audit source>`, and MoySklad's
 * `X-Lognex-WebHook-DisableByPrefix` header to keep some webhooks quiet.
 */
function changeOptions(c: Context): ChangeOptions {
  const source = c.req.query('source');
  if (source !== undefined && !(AUDIT_SOURCES as readonly string[]).includes(source))
    throw bad(`source: one of ${AUDIT_SOURCES.join(', ')}`);
  const prefixes = c.req.header('x-lognex-webhook-disablebyprefix');
  return {
    uid: c.req.query('uid'),
    source: source as AuditSource | undefined,
    disableWebhooksByPrefix: prefixes ? prefixes.split(/\s*,\s*/) : undefined,
  };
}

/**
 * Test and benchmark controls under `/__control`, apart from the API (no auth, no limits, plain
 * JSON): the dataset, changes to any entity of the canonical list, the activity stream, the
 * clock, fault injection, webhook deliveries, counters and the request log.
 */
export function registerControlRoutes(app: Hono, runtime: Runtime): void {
  const control = runtime.control;
  const r = (path: string) => `/__control${path}`;

  app.get(
    r('/stats'),
    guarded(() => control.counters()),
  );
  app.post(
    r('/stats/reset'),
    guarded(() => runtime.counters.reset()),
  );
  app.post(
    r('/limits/reset'),
    guarded(() => runtime.limiter.reset()),
  );

  app.get(
    r('/dataset'),
    guarded(() => {
      const s = runtime.store;
      return {
        size: s.size,
        seed: s.seed,
        account: s.accountName,
        products: s.products.length,
        variants: s.variants.length,
        services: s.services.length,
        bundles: s.bundles.length,
        counterparties: s.counterparties.length,
        documents: Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, s.documents[t].length])),
        positions: s.positions.length,
        users: runtime.options.credentials.users?.map((u) => u.login) ?? [],
      };
    }),
  );
  app.post(
    r('/dataset'),
    guarded(async (c) => {
      const b = await objectBody(c);
      const until =
        typeof b.until === 'string' ? parseMsk(b.until) : (b.until as number | undefined);
      if (until === null) throw bad('until: "YYYY-MM-DD HH:mm" Moscow time or epoch ms');
      control.load({
        dataset: b.dataset as DatasetSize | undefined,
        seed: b.seed as number | undefined,
        until,
      });
      return { ok: true, size: runtime.store.size, seed: runtime.store.seed };
    }),
  );
  app.post(
    r('/reset'),
    guarded(() => control.reset()),
  );

  app.get(
    r('/clock'),
    guarded(() => runtime.clock.describe()),
  );
  app.post(
    r('/clock'),
    guarded(async (c) => {
      const b = await objectBody(c);
      try {
        if (b.advanceMs !== undefined) runtime.clock.advance(Number(b.advanceMs));
        if (b.set !== undefined) {
          const t = typeof b.set === 'string' ? parseMsk(b.set) : Number(b.set);
          if (t === null || !Number.isFinite(t)) throw bad('set: a Moscow-time string or epoch ms');
          runtime.clock.set(t);
        }
      } catch (error) {
        if (error instanceof ChangeError) throw error;
        throw bad(error instanceof Error ? error.message : String(error));
      }
      return runtime.clock.describe();
    }),
  );

  // ---- entities ----------------------------------------------------------------------------------
  app.post(
    r('/entity/:type'),
    guarded(async (c) =>
      control.create(c.req.param('type')!, await objectBody(c), changeOptions(c)),
    ),
  );
  app.get(
    r('/entity/:type/:id'),
    guarded((c) => control.get(c.req.param('type')!, c.req.param('id')!)),
  );
  app.put(
    r('/entity/:type/:id'),
    guarded(async (c) =>
      control.update(
        c.req.param('type')!,
        c.req.param('id')!,
        await objectBody(c),
        changeOptions(c),
      ),
    ),
  );
  app.delete(
    r('/entity/:type/:id'),
    guarded((c) => control.delete(c.req.param('type')!, c.req.param('id')!, changeOptions(c))),
  );
  for (const [action, run] of [
    ['archive', (t: string, id: string, o: ChangeOptions) => control.archive(t, id, true, o)],
    ['unarchive', (t: string, id: string, o: ChangeOptions) => control.archive(t, id, false, o)],
    ['trash', (t: string, id: string, o: ChangeOptions) => control.trash(t, id, o)],
    ['restore', (t: string, id: string, o: ChangeOptions) => control.restore(t, id, o)],
  ] as const) {
    app.post(
      r(`/entity/:type/:id/${action}`),
      guarded((c) => run(c.req.param('type')!, c.req.param('id')!, changeOptions(c))),
    );
  }

  /** Several changes as one audit context: `[{ op, type, id?, body? }]`. */
  app.post(
    r('/batch'),
    guarded(async (c) => {
      const ops = await body(c);
      if (!Array.isArray(ops)) throw bad('expected an array of { op, type, id?, body? }');
      return control.batch(
        () =>
          ops.map((item, k) => {
            if (!isObject(item) || typeof item.type !== 'string')
              throw bad(`[${k}]: expected { op, type, id?, body? }`);
            const id = String(item.id ?? '');
            const b = isObject(item.body) ? item.body : {};
            switch (item.op) {
              case 'create':
                return control.create(item.type, b);
              case 'update':
                return control.update(item.type, id, b);
              case 'archive':
                return control.archive(item.type, id, true);
              case 'unarchive':
                return control.archive(item.type, id, false);
              case 'trash':
                return control.trash(item.type, id);
              case 'restore':
                return control.restore(item.type, id);
              case 'delete':
                control.delete(item.type, id);
                return { deleted: id };
              default:
                throw bad(
                  `[${k}].op: create, update, archive, unarchive, trash, restore or delete`,
                );
            }
          }),
        changeOptions(c),
      );
    }),
  );

  // ---- activity ----------------------------------------------------------------------------------
  const activityState = () => ({
    running: runtime.activity.running,
    steps: runtime.activity.count,
    seed: runtime.activity.seed,
  });
  app.get(r('/activity'), guarded(activityState));
  app.post(
    r('/activity/step'),
    guarded(async (c) => {
      const b = await objectBody(c);
      const count = b.count === undefined ? 1 : Number(b.count);
      if (!Number.isInteger(count) || count < 1 || count > 10_000) throw bad('count: 1 to 10000');
      return runtime.activity.step(count);
    }),
  );
  app.post(
    r('/activity/start'),
    guarded(async (c) => {
      const b = await objectBody(c);
      if (b.seed !== undefined) runtime.activity.reseed(Number(b.seed));
      runtime.activity.start(Number(b.perMinute ?? 60));
      return activityState();
    }),
  );
  app.post(
    r('/activity/stop'),
    guarded(() => {
      runtime.activity.stop();
      return activityState();
    }),
  );

  // ---- faults, webhooks, requests ----------------------------------------------------------------
  app.get(
    r('/faults'),
    guarded(() => ({ config: runtime.faults.current, counts: runtime.faults.counts })),
  );
  app.put(
    r('/faults'),
    guarded(async (c) => ({ config: runtime.faults.configure(await objectBody(c)) })),
  );
  app.delete(
    r('/faults'),
    guarded(() => runtime.faults.clear()),
  );

  app.get(
    r('/webhooks/deliveries'),
    guarded((c) => {
      const limit = Number(c.req.query('limit') ?? 100);
      return runtime.webhooks.deliveries().slice(-limit);
    }),
  );
  app.post(
    r('/webhooks/flush'),
    guarded(() => runtime.webhooks.flushStock()),
  );
  app.post(
    r('/webhooks/idle'),
    guarded(async () => {
      await runtime.webhooks.idle();
      return runtime.webhooks.stats();
    }),
  );

  app.get(
    r('/requests'),
    guarded((c) => {
      const since = c.req.query('since');
      const limit = c.req.query('limit');
      return control.requests({
        since: since === undefined ? undefined : Number(since),
        limit: limit === undefined ? undefined : Number(limit),
      });
    }),
  );
  app.post(
    r('/requests/reset'),
    guarded(() => control.clearRequests()),
  );
}
