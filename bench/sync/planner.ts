import type { Database } from '../../packages/db/src/index';

type Query = (this: unknown, ...args: unknown[]) => unknown;

/** The anti-joins against the pass's seen ids: `listUnseenIds` and `finishStockPass`. */
const SEEN_IDS_ANTI_JOIN = /NOT EXISTS \(SELECT 1 FROM "sync_seen_ids"/;

/**
 * Runs the statements that look for rows a full pass did not see with nested loops switched off,
 * on their own connection, and nothing else. On tables that have never been analysed (a fresh
 * database, or autovacuum not yet round) the planner expects one row on each side and may pick a
 * nested loop that compares every stored row with every seen id; a hash or merge anti-join is
 * linear. This stands in for that change to the sync, to measure the rest of it on a large
 * account; it is off unless asked for (SEEN_IDS_JOIN=hash).
 */
export async function steerSeenIdJoins(pool: Database['pool']): Promise<() => void> {
  const client = await pool.connect();
  const proto = Object.getPrototypeOf(client) as { query: Query };
  client.release();
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === 'string' ? config : config?.text;
    if (!text || !SEEN_IDS_ANTI_JOIN.test(text)) return original.apply(this, args);
    // One statement at a time on the connection: the setting holds for this statement only.
    const set = (sql: string) =>
      new Promise<void>((resolve) => original.call(this, sql, () => resolve()));
    const callback = args.findIndex((a) => typeof a === 'function');
    if (callback < 0)
      return set('SET enable_nestloop = off')
        .then(() => original.apply(this, args) as Promise<unknown>)
        .finally(() => set('RESET enable_nestloop'));
    const done = args[callback] as (...r: unknown[]) => void;
    args[callback] = (...r: unknown[]) => void set('RESET enable_nestloop').then(() => done(...r));
    void set('SET enable_nestloop = off').then(() => original.apply(this, args));
    return undefined;
  };
  return () => (proto.query = original);
}
