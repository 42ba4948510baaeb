import { createCrmClient, type CrmClient } from '@crm/sdk';
import { CliError, signInHint } from './failure';
import { DEFAULT_PROFILE, profileTokenStore, readProfile } from './profiles';

const DEFAULT_URL = 'http://localhost:8000';

export type GlobalOptions = { profile?: string; json?: boolean };

type Connection = { profile: string; url: string; client: CrmClient };

function normalizeUrl(value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new CliError(`"${value}" is not an http:// or https:// URL`);
  }
  return value.replace(/\/+$/, '');
}

/** Which profile, and which server: the given URL, else CRM_URL, else the profile's, else a local server. */
export function target(options: GlobalOptions, url?: string): { profile: string; url: string } {
  const profile = options.profile ?? process.env.CRM_PROFILE ?? DEFAULT_PROFILE;
  return {
    profile,
    url: normalizeUrl(url ?? process.env.CRM_URL ?? readProfile(profile)?.url ?? DEFAULT_URL),
  };
}

/** Messages from the server in the user's language, as the locale environment names it. */
function locale(): 'ru' | 'en' {
  const tag = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return tag.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** A client for CRM_API_KEY when set, else for the profile's session (always, with `session`). */
export function connect(
  options: GlobalOptions,
  { url, session = false }: { url?: string; session?: boolean } = {},
): Connection {
  const resolved = target(options, url);
  const apiKey = session ? undefined : process.env.CRM_API_KEY;
  const client = createCrmClient({
    baseUrl: resolved.url,
    locale: locale(),
    auth: apiKey
      ? { type: 'apiKey', key: apiKey }
      : { type: 'session', store: profileTokenStore(resolved.profile, resolved.url) },
  });
  return { ...resolved, client };
}

/** A connection that has credentials, as every command but `login` needs. */
export async function signedIn(options: GlobalOptions): Promise<Connection> {
  const connection = connect(options);
  if (!(await connection.client.isAuthenticated())) {
    throw new CliError(
      `not signed in to ${connection.url} (profile "${connection.profile}"); ${signInHint(connection.profile)}`,
    );
  }
  return connection;
}
