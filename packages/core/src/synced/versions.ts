import type { Database } from '@crm/db';
import { SYNCED_ENTITIES } from './entities';
import { ident } from './sql/plan';

/** Older than any change a source reports. */
const BEFORE_EVERYTHING = new Date(0);

const VERSIONED_TABLES = [
  ...new Set(
    Object.values(SYNCED_ENTITIES)
      .filter((e) => e.spec.versioned)
      .map((e) => e.spec.table),
  ),
];

/**
 * For a source put back to how it stood at `moment` (the demo's emulator is generated afresh at
 * every start, so what changed in it later is gone): rows whose stored version is later than that
 * lose their version, so the next full pass overwrites them with what the source holds instead of
 * refusing its older change times. Returns how many rows were rewound.
 */
export async function rewindVersions(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  moment: Date,
): Promise<number> {
  let rewound = 0;
  for (const table of VERSIONED_TABLES) {
    const { rowCount } = await db.pool.query(
      `UPDATE ${ident(table)} SET "source_updated_at" = $3
        WHERE "integration_id" = $1 AND "source_updated_at" > $2`,
      [integrationId, moment, BEFORE_EVERYTHING],
    );
    rewound += rowCount ?? 0;
  }
  return rewound;
}
