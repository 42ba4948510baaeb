import type { Database } from '@crm/db';

/** The pool, or one client of it inside a transaction. */
export type Queryable = Pick<Database['pool'], 'query'>;

/** Runs `fn` in one transaction on one client; rolls back and rethrows on any error. */
export async function inTransaction<T>(
  db: Pick<Database, 'pool'>,
  fn: (client: Queryable) => Promise<T>,
): Promise<T> {
  const client = await db.pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A client whose rollback fails is in an unknown state: drop it rather than return it to the pool.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
