import {
  moyskladCredentialsSchema,
  moyskladSettingsSchema,
  type IntegrationType,
  type MoyskladCredentials,
} from '@crm/contracts';
import type { z } from 'zod';

type Connection<S extends z.ZodType, C extends z.ZodType> = {
  settings: S;
  credentials: C;
  /** What people see of the stored credentials: enough to recognise them, nothing to use. */
  hint: (credentials: z.output<C>) => { kind: string; hint: string };
};

/** Settings and credentials schemas per source type, as the API contracts define them. */
export const CONNECTIONS: { [T in IntegrationType]: Connection<z.ZodType, z.ZodType> } = {
  moysklad: {
    settings: moyskladSettingsSchema,
    credentials: moyskladCredentialsSchema,
    hint: (c: MoyskladCredentials) =>
      c.kind === 'token'
        ? { kind: 'token', hint: `token …${c.token.slice(-4)}` }
        : { kind: 'basic', hint: `login ${c.login}` },
  } as Connection<typeof moyskladSettingsSchema, typeof moyskladCredentialsSchema> as Connection<
    z.ZodType,
    z.ZodType
  >,
};
