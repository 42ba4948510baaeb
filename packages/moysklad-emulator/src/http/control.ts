import type { Hono } from 'hono';
import { DOCUMENT_TYPES } from '../model/types';
import type { Runtime } from './runtime';

/**
 * Test and benchmark controls under `/__control`, apart from the API (no auth, no limits, plain
 * JSON): request counters, limiter reset, and what the dataset holds.
 */
export function registerControlRoutes(app: Hono, runtime: Runtime): void {
  app.get('/__control/stats', (c) => c.json(runtime.counters.snapshot()));
  app.post('/__control/stats/reset', (c) => {
    runtime.counters.reset();
    return c.json({ ok: true });
  });
  app.post('/__control/limits/reset', (c) => {
    runtime.limiter.reset();
    return c.json({ ok: true });
  });
  app.get('/__control/dataset', (c) => {
    const s = runtime.store;
    return c.json({
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
    });
  });
}
