import { z } from 'zod';

export const MOYSKLAD_API_URL = 'https://api.moysklad.ru/api/remap/1.2';

/** Non-secret settings of a MoySklad connection. */
export const moyskladSettingsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).default(MOYSKLAD_API_URL).describe('JSON API 1.2 base URL'),
  tokenKind: z
    .enum(['user', 'solution'])
    .default('user')
    .describe("Whose token it is: a user's (weight 3 per request) or a solution's (weight 1); ignored for login and password"),
  syncIntervalMinutes: z.number().int().min(1).max(1440).default(15).describe('Minutes between incremental syncs'),
  webhooks: z.boolean().default(true).describe('Register webhooks (needs an admin employee on a paid tariff and a public URL)'),
});
export type MoyskladSettings = z.infer<typeof moyskladSettingsSchema>;

/**
 * A token, or the login and password of a dedicated employee. Never returned by the API, never
 * logged, stored encrypted.
 */
export const moyskladCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), token: z.string().trim().min(10).max(200) }),
  z.object({ kind: z.literal('basic'), login: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) }),
]);
export type MoyskladCredentials = z.infer<typeof moyskladCredentialsSchema>;
