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
});

export type EmulatorOptionsInput = z.input<typeof emulatorOptionsSchema>;
export type EmulatorOptions = z.output<typeof emulatorOptionsSchema>;
export type UserCredential = z.output<typeof userSchema>;
export type TokenCredential = z.output<typeof tokenSchema>;
export type Limits = z.output<typeof limitsSchema>;
