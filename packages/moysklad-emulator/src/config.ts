import { z } from 'zod';
import { DATASET_SIZES } from './dataset/sizes';

/** A MoySklad user who logs in with Basic auth (`login@account:password`) or owns user tokens. */
export const userSchema = z.object({
  login: z.string().min(3),
  password: z.string(),
  /** Index of the employee the user is; the first employee by default. */
  employee: z.number().int().min(0).default(0),
  /** Admins may manage webhooks and read the current-stock reports. */
  admin: z.boolean().default(true),
  /** `viewProductCostAndProfit`: without it cost prices are left out of responses. */
  viewCost: z.boolean().default(true),
});

/**
 * A bearer token. A token does not say whose it is, and the weight of its requests differs: user
 * tokens act as their user; solution tokens as an installed solution (weight 1, or 4 while the
 * solution is a draft or under moderation).
 */
export const tokenSchema = z.discriminatedUnion('kind', [
  z.object({ token: z.string().min(1), kind: z.literal('user'), login: z.string() }),
  z.object({
    token: z.string().min(1),
    kind: z.literal('solution'),
    appUid: z.string().default('crm.emulator@demo'),
    draft: z.boolean().default(false),
  }),
]);

export const limitsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Units per interval ("45 requests per 3 seconds"). */
  capacity: z.number().positive().default(45),
  intervalMs: z.number().positive().default(3000),
  /**
   * Weight of a user-authenticated request. By default it follows the published schedule by the
   * current date: 1, then 2 from 2026-05-12, 3 from 2026-09-01 and 4 from 2026-12-01.
   */
  userWeight: z.number().positive().optional(),
  solutionWeight: z.number().positive().default(1),
  draftSolutionWeight: z.number().positive().default(4),
  /** `GET /report/stock/all` and `/report/stock/bystore` cost this much whoever asks. */
  stockReportWeight: z.number().positive().default(5),
  parallelPerIdentity: z.number().int().positive().default(5),
  parallelPerAccount: z.number().int().positive().default(20),
  /**
   * More than this many 429s within a minute switch the user's API access off (403, error 1061)
   * until the limiter is reset; 0 never bans.
   */
  banAfterRateLimitedPerMinute: z.number().int().min(0).default(200),
});

/** Where webhook notifications go and how they are retried. */
export const webhookOptionsSchema = z.object({
  /**
   * Hosts notifications may be sent to. Registrations pointing elsewhere are kept and their
   * notifications recorded as blocked, never sent: by default only this machine receives them.
   */
  allowHosts: z.array(z.string()).default(['127.0.0.1', 'localhost', '::1']),
  /** A receiver must answer 200 or 204 within this long (not scaled: MoySklad's 1500 ms). */
  timeoutMs: z.number().positive().default(1500),
  /** Further attempts after a failed one, with the same `requestId`. */
  retries: z.number().int().min(0).default(3),
  /** Pause between attempts (scaled by the time scale); MoySklad retries back to back. */
  retryDelayMs: z.number().min(0).default(0),
  /** How often stock notifications go out while stock keeps changing (scaled; MoySklad: 1–5 min). */
  stockPeriodMs: z.number().min(0).default(60_000),
  /** Notifications sent at once, across all receivers. */
  maxConcurrent: z.number().int().positive().default(8),
  /** Which webhook action the recycle bin triggers (MoySklad does not document it). */
  trashAction: z.enum(['DELETE', 'UPDATE', 'none']).default('DELETE'),
  restoreAction: z.enum(['CREATE', 'UPDATE', 'none']).default('CREATE'),
});

export const emulatorOptionsSchema = z.object({
  dataset: z.enum(DATASET_SIZES as [string, ...string[]]).default('tiny'),
  seed: z.number().int().default(1),
  /** End of the generated history, epoch ms. */
  until: z.number().optional(),
  /** Public base URL the `meta` hrefs are built from (the API lives under `/api/remap/1.2`). */
  baseUrl: z.string().url().optional(),
  /** Who may call; each list defaults to one administrator, one user token and one solution token. */
  credentials: z
    .object({ users: z.array(userSchema).optional(), tokens: z.array(tokenSchema).optional() })
    .default({}),
  limits: limitsSchema.default(limitsSchema.parse({})),
  /** Limits, intervals and delays run this many times faster. */
  timeScale: z.number().positive().default(1),
  /** Added to every request (before time scaling), to make parallelism matter. */
  latencyMs: z.number().min(0).default(0),
  /** Webhooks need a paid tariff. */
  tariff: z.enum(['paid', 'free']).default('paid'),
  /**
   * `system`: the wall clock. `{ start }`: a manual clock that moves only when told to (epoch ms or
   * a Moscow-time string; by default 09:00 on the day after the generated history ends).
   */
  clock: z
    .union([z.literal('system'), z.object({ start: z.union([z.number(), z.string()]).optional() })])
    .default('system'),
  webhooks: webhookOptionsSchema.default(webhookOptionsSchema.parse({})),
  /** The activity stream: its seed (default: the dataset's) and a rate to start it at (steps a scaled minute). */
  activity: z
    .object({ seed: z.number().int().optional(), perMinute: z.number().positive().optional() })
    .default({}),
  /** Requests kept in the request log (0: none). */
  requestLogSize: z.number().int().min(0).default(10_000),
});

export type EmulatorOptionsInput = z.input<typeof emulatorOptionsSchema>;
export type EmulatorOptions = z.output<typeof emulatorOptionsSchema>;
export type UserCredential = z.output<typeof userSchema>;
export type TokenCredential = z.output<typeof tokenSchema>;
export type Limits = z.output<typeof limitsSchema>;
export type WebhookOptions = z.output<typeof webhookOptionsSchema>;
