import { procedures, type TokenPair } from '@crm/contracts';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  type Operation,
  type TRPCClient,
  type TRPCLink,
} from '@trpc/client';
import superjson from 'superjson';
import { isCrmError } from './errors';
import type { CrmProcedures, CrmRouter } from './router';
import { createSession, type Session } from './session';
import { accessTokenOf, sessionLink } from './session-link';
import { memoryTokenStore, type TokenStore } from './token-store';

/**
 * How the client proves who it is: a person's session (signed in with `login()`, tokens kept in
 * `store` and refreshed as needed) or an API key.
 */
export type CrmAuth = { type: 'session'; store?: TokenStore } | { type: 'apiKey'; key: string };

export type CrmClientOptions = {
  /** Where the server is, e.g. `https://crm.example.com`; the client calls `<baseUrl>/trpc`. */
  baseUrl: string;
  /** A session in memory when omitted. */
  auth?: CrmAuth;
  /** Messages of errors in this language. */
  locale?: 'ru' | 'en';
  /** Sent with every request. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Calls made in the same tick share one HTTP request (default true). */
  batch?: boolean;
};

export type CrmClient = Pick<TRPCClient<CrmRouter>, keyof CrmProcedures> & {
  /** Signs in with a password and keeps the tokens in the store. */
  login(email: string, password: string): Promise<TokenPair>;
  /** Ends the session on the server and forgets the tokens. */
  logout(): Promise<void>;
  /** Whether calls go out with credentials: an API key, or a session that has not ended. */
  isAuthenticated(): Promise<boolean>;
};

function transport(options: CrmClientOptions, session: Session | null): TRPCLink<CrmRouter>[] {
  const base: Record<string, string> = { ...options.headers };
  if (options.locale) base['Accept-Language'] = options.locale;
  if (options.auth?.type === 'apiKey') base.Authorization = `Bearer ${options.auth.key}`;
  const headers = (ops: readonly Operation[]) => {
    const token = accessTokenOf(ops);
    return token ? { ...base, Authorization: `Bearer ${token}` } : base;
  };
  const common = {
    url: `${options.baseUrl.replace(/\/+$/, '')}/trpc`,
    transformer: superjson,
    fetch: options.fetch,
  };
  const http =
    options.batch === false
      ? httpLink<CrmRouter>({ ...common, headers: ({ op }) => headers([op]) })
      : httpBatchLink<CrmRouter>({ ...common, headers: ({ opList }) => headers(opList) });
  return session ? [sessionLink(session), http] : [http];
}

/**
 * A typed client of the CRM API: `client.admin.users.list.query({ limit: 10 })`. Inputs,
 * outputs and errors are typed from `@crm/contracts`; dates arrive as `Date`.
 */
export function createCrmClient(options: CrmClientOptions): CrmClient {
  const auth = options.auth ?? { type: 'session' };
  const session: Session | null =
    auth.type === 'session'
      ? createSession(auth.store ?? memoryTokenStore(), (refreshToken) =>
          trpc.auth.refresh.mutate({ refreshToken }),
        )
      : null;
  const trpc: TRPCClient<CrmRouter> = createTRPCClient<CrmRouter>({
    links: transport(options, session),
  });

  const requireSession = (action: string) => {
    if (!session) throw new Error(`${action} needs session auth; this client uses an API key`);
    return session;
  };

  const helpers = {
    async login(email: string, password: string) {
      const { store } = requireSession('login()');
      const tokens = await trpc.auth.login.mutate({ email, password });
      await store.set(tokens);
      return tokens;
    },
    async logout() {
      const { store } = requireSession('logout()');
      const tokens = await store.get();
      if (!tokens) return;
      try {
        await trpc.auth.logout.mutate({ refreshToken: tokens.refreshToken });
      } catch (error) {
        // A refused token means the session had already ended: the outcome asked for.
        if (!(isCrmError(error) && error.data.code === 'UNAUTHORIZED')) throw error;
      } finally {
        await store.clear();
      }
    },
    isAuthenticated: async () => (session ? session.isSignedIn() : true),
  };

  // The tRPC client is a proxy that answers every property with a procedure path, so the helpers
  // sit beside its top-level routers rather than on it.
  const routers = Object.fromEntries(
    Object.keys(procedures).map((key) => [key, trpc[key as keyof CrmProcedures]]),
  );
  return { ...(routers as Pick<TRPCClient<CrmRouter>, keyof CrmProcedures>), ...helpers };
}
