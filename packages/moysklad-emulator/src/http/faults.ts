import { z } from 'zod';
import { Random } from '../random/prng';

/** Kinds of change a listing may meet between two of its pages. */
export const PAGE_CHANGE_KINDS = ['update', 'create', 'archive', 'trash', 'delete'] as const;
export type PageChangeKind = (typeof PAGE_CHANGE_KINDS)[number];

const probability = z.number().min(0).max(1);

/**
 * One fault rule: which requests it applies to and how often each fault strikes. Patterns are
 * `METHOD /path` or `/path` below `/api/remap/1.2`, `*` matching within a path segment and `**`
 * across segments (`GET /entity/*`, `/report/**`); no pattern means every request.
 */
export const faultRuleSchema = z.object({
  match: z.union([z.string(), z.array(z.string())]).optional(),
  /** Share of requests answered 500, 502, 503 or 504. */
  serverErrors: probability.default(0),
  /** Share of requests whose connection is dropped before any answer. */
  resets: probability.default(0),
  /** Share of successful answers cut short (the connection closes mid-body). */
  truncations: probability.default(0),
  /** Latency spikes: the share of requests delayed, and by how long (scaled by the time scale). */
  latency: z.object({ probability: probability, ms: z.number().min(0) }).optional(),
  /**
   * 429 storms: the chance a request starts one, and how long every request matching the rule
   * is then refused with 1049 (scaled).
   */
  rateLimitStorms: z
    .object({
      probability: probability,
      durationMs: z.number().positive(),
      retryAfterMs: z.number().positive().optional(),
    })
    .optional(),
  /**
   * Changes between pages: the chance that, before serving a page of an `/entity/<type>`
   * listing, a row of that type changes (of the given kinds). Any page: a keyset walk (by
   * `updated`) asks for offset 0 every time.
   */
  changesBetweenPages: z
    .object({
      probability: probability,
      kinds: z.array(z.enum(PAGE_CHANGE_KINDS)).default([...PAGE_CHANGE_KINDS]),
    })
    .optional(),
});

export const faultConfigSchema = z.object({
  /** Seed of every decision: the n-th request to the same URL meets the same fault. */
  seed: z.number().int().default(1),
  rules: z.array(faultRuleSchema).default([]),
  /** Webhook notifications lost (never sent) or sent twice with the same `requestId`. */
  webhooks: z
    .object({ lose: probability.default(0), duplicate: probability.default(0) })
    .default({ lose: 0, duplicate: 0 }),
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultConfigInput = z.input<typeof faultConfigSchema>;
export type FaultConfig = z.output<typeof faultConfigSchema>;
type FaultRule = z.output<typeof faultRuleSchema>;

/** What happens to one request. */
export interface FaultPlan {
  latencyMs: number;
  reset: boolean;
  serverError: number | null;
  /** Retry-After of an ongoing storm, when the request falls into one. */
  rateLimitedMs: number | null;
  truncate: boolean;
  pageChange: { kinds: PageChangeKind[]; random: Random } | null;
  /** Names of the faults applied, for the request log and counters. */
  names: string[];
}

export type FaultCounts = Record<string, number>;

function compile(pattern: string): { method: string | null; path: RegExp } {
  const trimmed = pattern.trim();
  const space = trimmed.indexOf(' ');
  const method = space > 0 ? trimmed.slice(0, space).toUpperCase() : null;
  const path = space > 0 ? trimmed.slice(space + 1).trim() : trimmed;
  const source = path
    .split(/(\*\*|\*)/)
    .map((part) =>
      part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return { method, path: new RegExp(`^${source}/?$`) };
}

/**
 * Seeded fault injection, off until configured: decides per request (by its method, URL and how
 * many times that URL was asked before) which faults strike, so a run is repeatable.
 */
export class FaultInjector {
  private config: FaultConfig = faultConfigSchema.parse({});
  private compiled: { rule: FaultRule; patterns: ReturnType<typeof compile>[] }[] = [];
  private readonly seen = new Map<string, number>();
  private readonly storms = new Map<number, number>();
  private webhookRandom = new Random(1, 'webhook-faults');
  readonly counts: FaultCounts = {};

  constructor(
    private readonly timeScale: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  configure(input: FaultConfigInput): FaultConfig {
    this.config = faultConfigSchema.parse(input);
    this.compiled = this.config.rules.map((rule) => ({
      rule,
      patterns: (rule.match === undefined ? [] : [rule.match].flat()).map(compile),
    }));
    this.seen.clear();
    this.storms.clear();
    this.webhookRandom = new Random(this.config.seed, 'webhook-faults');
    return this.config;
  }

  clear(): void {
    this.configure({});
    for (const key of Object.keys(this.counts)) delete this.counts[key];
  }

  get current(): FaultConfig {
    return this.config;
  }

  get active(): boolean {
    return this.compiled.length > 0;
  }

  /** Decides the faults of one request (`path` below the API root, `query` without `?`). */
  plan(method: string, path: string, query: string): FaultPlan {
    const plan: FaultPlan = {
      latencyMs: 0,
      reset: false,
      serverError: null,
      rateLimitedMs: null,
      truncate: false,
      pageChange: null,
      names: [],
    };
    if (this.compiled.length === 0) return plan;
    const key = `${method} ${path}?${query}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    const random = new Random(this.config.seed, `${key}#${n}`);
    const now = this.clock();
    this.compiled.forEach(({ rule, patterns }, r) => {
      const applies =
        patterns.length === 0 ||
        patterns.some((p) => (p.method === null || p.method === method) && p.path.test(path));
      if (!applies) return;
      const storm = rule.rateLimitStorms;
      if (storm) {
        const until = this.storms.get(r) ?? 0;
        if (until <= now && random.chance(storm.probability))
          this.storms.set(r, now + storm.durationMs / this.timeScale);
        const end = this.storms.get(r) ?? 0;
        if (end > now) {
          const remaining = Math.ceil(end - now);
          plan.rateLimitedMs = Math.max(
            plan.rateLimitedMs ?? 0,
            storm.retryAfterMs !== undefined ? storm.retryAfterMs / this.timeScale : remaining,
          );
        }
      }
      if (rule.latency && random.chance(rule.latency.probability))
        plan.latencyMs = Math.max(plan.latencyMs, rule.latency.ms / this.timeScale);
      if (random.chance(rule.resets)) plan.reset = true;
      if (random.chance(rule.serverErrors)) plan.serverError = random.pick([500, 502, 503, 504]);
      if (random.chance(rule.truncations)) plan.truncate = true;
      const change = rule.changesBetweenPages;
      if (change && method === 'GET' && random.chance(change.probability)) {
        if (/^\/entity\/[a-z]+\/?$/.test(path))
          plan.pageChange = {
            kinds: change.kinds,
            random: new Random(this.config.seed, `change:${key}#${n}`),
          };
      }
    });
    if (plan.latencyMs > 0) plan.names.push('latency');
    if (plan.reset) plan.names.push('reset');
    else if (plan.rateLimitedMs !== null) plan.names.push('rateLimitStorm');
    else if (plan.serverError !== null) plan.names.push(`serverError`);
    else {
      if (plan.pageChange) plan.names.push('changeBetweenPages');
      if (plan.truncate) plan.names.push('truncation');
    }
    return plan;
  }

  count(names: readonly string[]): void {
    for (const name of names) this.counts[name] = (this.counts[name] ?? 0) + 1;
  }

  /** Whether a webhook notification is lost, and whether it is sent twice. */
  webhookFate(): { lose: boolean; duplicate: boolean } {
    const { lose, duplicate } = this.config.webhooks;
    if (lose === 0 && duplicate === 0) return { lose: false, duplicate: false };
    return {
      lose: this.webhookRandom.chance(lose),
      duplicate: this.webhookRandom.chance(duplicate),
    };
  }
}
