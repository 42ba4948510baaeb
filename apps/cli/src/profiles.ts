import fs from 'node:fs';
import path from 'node:path';
import type { TokenStore } from '@crm/sdk';
import envPaths from 'env-paths';
import { z } from 'zod';
import { CliError } from './failure';

export const DEFAULT_PROFILE = 'default';

const storedTokens = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.coerce.date(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.coerce.date(),
  tokenType: z.literal('Bearer'),
});

const profileSchema = z.object({
  url: z.string(),
  email: z.string().optional(),
  tokens: storedTokens.nullable().default(null),
});

/** A named connection: which server, who signed in last, and the session's tokens. */
export type Profile = z.infer<typeof profileSchema>;

/** `$XDG_CONFIG_HOME/crm` on Linux, the platform's equivalent elsewhere. */
const configDir = () => envPaths('crm', { suffix: '' }).config;

function profileFile(name: string): string {
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(name)) {
    throw new CliError(`"${name}" is not a profile name: use latin letters, digits, "-" and "_"`);
  }
  return path.join(configDir(), 'profiles', `${name}.json`);
}

export function readProfile(name: string): Profile | null {
  const file = profileFile(name);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = profileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new CliError(`${file} is damaged; remove it and sign in again`);
  return parsed.data;
}

/**
 * Writes a profile readable by its owner only: it holds a refresh token, which is as good as a
 * password until the session ends. Written beside and renamed, so a reader never sees half a file.
 */
export function writeProfile(name: string, profile: Profile): void {
  const file = profileFile(name);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * The SDK's token store for a profile. Tokens belong to the server that issued them: with another
 * URL (CRM_URL pointing elsewhere) the profile has none, so they are never sent to a stranger.
 */
export function profileTokenStore(name: string, url: string): TokenStore {
  const update = (tokens: Profile['tokens']) =>
    writeProfile(name, { ...readProfile(name), url, tokens });
  return {
    get: () => {
      const profile = readProfile(name);
      return profile?.url === url ? profile.tokens : null;
    },
    set: (tokens) => update(tokens),
    clear: () => update(null),
  };
}
