import type { TokenPair } from '@crm/contracts';
import { isCrmError } from './errors';
import type { TokenStore } from './token-store';

/** Access tokens are refreshed this long before they expire, so a call never carries a dying one. */
export const REFRESH_MARGIN_MS = 30_000;

export type Session = ReturnType<typeof createSession>;

/**
 * The token pair of a signed-in client, kept fresh. At most one refresh runs at a time: calls
 * that need one while it runs wait for it, because the server spends a refresh token on use and
 * treats a second use after a short grace window as theft.
 */
export function createSession(
  store: TokenStore,
  exchange: (refreshToken: string) => Promise<TokenPair>,
) {
  let refreshing: Promise<TokenPair | null> | null = null;

  async function renew(seen: TokenPair): Promise<TokenPair | null> {
    const latest = await store.get();
    // Renewed meanwhile by another client sharing the store (a tab, a process): use theirs.
    if (!latest || latest.refreshToken !== seen.refreshToken) return latest;
    try {
      const next = await exchange(latest.refreshToken);
      await store.set(next);
      return next;
    } catch (error) {
      // Refused (spent, revoked, expired): the session is over. A network failure is not that.
      if (isCrmError(error) && ['UNAUTHORIZED', 'BAD_REQUEST'].includes(error.data.code))
        await store.clear();
      throw error;
    }
  }

  async function tokens(isStale: (tokens: TokenPair) => boolean): Promise<TokenPair | null> {
    if (refreshing) return refreshing;
    const current = await store.get();
    if (!current || !isStale(current)) return current;
    refreshing ??= renew(current).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  return {
    /** The access token to send, refreshed first when it is about to expire; null when signed out. */
    async accessToken(): Promise<string | null> {
      const pair = await tokens(
        (t) => t.accessTokenExpiresAt.getTime() - Date.now() <= REFRESH_MARGIN_MS,
      );
      return pair?.accessToken ?? null;
    },

    /**
     * A token to retry with after the server refused `rejected`. The server gives the reason
     * (expired, invalid, session ended) only as a localized message; a refresh settles it either
     * way: a working token, or a refusal that ends the session.
     */
    async replacing(rejected: string): Promise<string | null> {
      const pair = await tokens((t) => t.accessToken === rejected);
      return pair && pair.accessToken !== rejected ? pair.accessToken : null;
    },

    async isSignedIn(): Promise<boolean> {
      const current = await store.get();
      return current !== null && current.refreshTokenExpiresAt.getTime() > Date.now();
    },

    store,
  };
}
