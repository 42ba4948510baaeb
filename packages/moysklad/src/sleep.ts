/**
 * Waits `ms`. Rejects with the abort reason when `signal` aborts; resolves early when `wake`
 * aborts (used to cut a nap short, not to cancel).
 */
export function sleep(ms: number, signal?: AbortSignal, wake?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      wake?.removeEventListener('abort', done);
      resolve();
    };
    const onAbort = () => {
      clearTimeout(timer);
      wake?.removeEventListener('abort', done);
      reject(signal?.reason);
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (wake?.aborted) done();
    else wake?.addEventListener('abort', done, { once: true });
  });
}
