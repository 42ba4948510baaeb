import type { AnyIntegrationPlugin } from '../../packages/integrations/src/index';
import type { FetchLike } from '../../packages/moysklad/src/index';

export interface Exchange {
  /** The entity being synced when the request went out (`-` before the first). */
  entity: string;
  path: string;
  status: number;
  /** performance.now() when fetch was called, when the headers came, when the body was in. */
  start: number;
  headers: number;
  end: number;
  /** `meta.size` of a stock report page (the only bodies looked into). */
  size?: number;
}

/**
 * Records every HTTP exchange the sync makes, tagged with the entity being synced, by wrapping
 * the `fetch` the plugin is given. The body is read here so that the exchange's end is known;
 * the client gets an equivalent response.
 */
export class Meter {
  entity = '-';
  readonly exchanges: Exchange[] = [];
  /** Fewest units left in the server's bucket (`X-RateLimit-Remaining`) seen in any answer. */
  fewestRemaining = Infinity;

  readonly fetch: FetchLike = async (input, init) => {
    const entity = this.entity;
    const start = performance.now();
    const response = await fetch(input, init);
    const headers = performance.now();
    const body = await response.arrayBuffer();
    const end = performance.now();
    const url = new URL(input);
    const path = url.pathname.replace(/^.*\/api\/remap\/1\.2/, '');
    const exchange: Exchange = { entity, path, status: response.status, start, headers, end };
    if (path.startsWith('/report/stock/') && response.ok)
      exchange.size = (JSON.parse(Buffer.from(body).toString()) as { meta?: { size?: number } })
        .meta?.size;
    this.exchanges.push(exchange);
    const remaining = Number(response.headers.get('x-ratelimit-remaining') ?? NaN);
    if (!Number.isNaN(remaining)) this.fewestRemaining = Math.min(this.fewestRemaining, remaining);
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  /** When each entity's sync began and ended, in the last run. */
  readonly spans = new Map<string, { start: number; end: number; cpuMs: number }>();

  /** The plugin with each entity's sync timed and its requests tagged with the entity. */
  wrap(plugin: AnyIntegrationPlugin): AnyIntegrationPlugin {
    return {
      ...plugin,
      openSession: async (access) => {
        this.entity = '-';
        const session = await plugin.openSession(access);
        return {
          close: () => session.close(),
          syncEntity: async (ctx) => {
            this.entity = ctx.entity;
            const start = performance.now();
            const cpu = process.cpuUsage();
            try {
              await session.syncEntity(ctx);
            } finally {
              const { user, system } = process.cpuUsage(cpu);
              this.spans.set(ctx.entity, {
                start,
                end: performance.now(),
                cpuMs: (user + system) / 1000,
              });
              this.entity = '-';
            }
          },
        };
      },
    };
  }

  reset(): void {
    this.entity = '-';
    this.exchanges.length = 0;
    this.spans.clear();
    this.fewestRemaining = Infinity;
  }
}
