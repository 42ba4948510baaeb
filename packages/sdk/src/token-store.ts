import type { TokenPair } from '@crm/contracts';

type MaybePromise<T> = T | Promise<T>;

/**
 * Where a signed-in client keeps its token pair: memory by default, `localStorage` in a browser,
 * a file for the CLI. The client reads it before every call, so several clients (tabs,
 * processes) sharing one store see each other's refreshes.
 */
export interface TokenStore {
  get(): MaybePromise<TokenPair | null>;
  set(tokens: TokenPair): MaybePromise<void>;
  clear(): MaybePromise<void>;
}

/** Keeps the tokens for the life of the page or process. */
export function memoryTokenStore(initial: TokenPair | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
    clear: () => {
      tokens = null;
    },
  };
}
