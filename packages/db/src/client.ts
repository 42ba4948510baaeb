import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';

export type DatabaseKind = 'embedded' | 'external';

export type Database = {
  /** Typed access for ordinary reads and writes. */
  prisma: PrismaClient;
  /** The same pool, for bulk SQL where Prisma would go row by row. */
  pool: pg.Pool;
  url: string;
  kind: DatabaseKind;
  close(): Promise<void>;
};

export function createDatabase(url: string, options: { kind: DatabaseKind; poolMax: number; applicationName?: string }): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax,
    application_name: options.applicationName ?? 'crm',
  });
  // An idle client that loses its connection (database restart) must not crash the process;
  // the pool drops it and the next query reconnects.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    url,
    kind: options.kind,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
