/** Who is calling: a signed-in user (with their session) or an API key, with effective permissions. */
export type Principal = {
  type: 'user' | 'api_key';
  id: string;
  /** Email of a user, name of an API key. */
  label: string;
  /** A user's display name; an API key's name. */
  name: string;
  sessionId: string | null;
  roles: { id: string; name: string }[];
  permissions: ReadonlySet<string>;
};

export function grantsOf(roles: { permissions: string[] }[]): Set<string> {
  return new Set(roles.flatMap((r) => r.permissions));
}
