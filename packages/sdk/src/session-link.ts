import type { Operation, TRPCLink } from '@trpc/client';
import { TRPCClientError } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import { isCrmError } from './errors';
import type { CrmRouter } from './router';
import type { Session } from './session';

/** How a procedure obtains or gives up tokens; it never needs one, and must not wait for a refresh. */
const TOKENLESS = new Set(['auth.login', 'auth.refresh', 'auth.logout']);

/**
 * The access token for the HTTP link to send operations with: in a batch, the last one's, which
 * read the store last (a refresh may have finished between two calls of the same tick).
 */
export function accessTokenOf(ops: readonly Operation[]): string | undefined {
  const token = ops.findLast((op) => typeof op.context.accessToken === 'string')?.context
    .accessToken;
  return token as string | undefined;
}

/**
 * Gives every call the session's access token (refreshed first when about to expire) and, when
 * the server refuses the token, refreshes once and retries the call once.
 */
export function sessionLink(session: Session): TRPCLink<CrmRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let subscription: Unsubscribable | undefined;
        let stopped = false;
        const fail = (error: unknown) => observer.error(TRPCClientError.from(error as Error));

        const send = (accessToken: string | null, retried: boolean) => {
          if (stopped) return;
          subscription = next({ ...op, context: { ...op.context, accessToken } }).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              if (
                retried ||
                !accessToken ||
                !(isCrmError(error) && error.data.code === 'UNAUTHORIZED')
              ) {
                observer.error(error);
                return;
              }
              session
                .replacing(accessToken)
                .then((fresh) => (fresh ? send(fresh, true) : observer.error(error)), fail);
            },
          });
        };

        if (TOKENLESS.has(op.path)) send(null, true);
        else session.accessToken().then((token) => send(token, false), fail);
        return () => {
          stopped = true;
          subscription?.unsubscribe();
        };
      });
}
