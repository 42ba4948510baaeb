import type { Database } from '../../packages/db/src/index';
import { ENTITIES } from '../../packages/integrations/src/plugins/moysklad/entities';
import type { Exchange } from './meter';

/** MoySklad's page sizes: plain lists, and lists with `expand` or `fields` (documents with positions). */
const PAGE = 1000;
const EXPANDED_PAGE = 100;

export type Minimum = Record<string, { requests: number; stockRequests: number }>;

const pages = (rows: number, size: number) => Math.max(1, Math.ceil(rows / size));

/**
 * The fewest requests a full sync of these rows can make, per entity: every listing paged at the
 * largest page MoySklad serves for it (1000, or 100 with `expand`/`fields`), the positions of a
 * document beyond the 100 its page carries at 100 a request, the two stock reports at 1000 items
 * a page, plus what no sync avoids: the identity probe, one request per listed entity for the
 * newest change (the next incremental run's watermark), and the small whole entities.
 */
export async function minimumRequests(
  db: Pick<Database, 'pool'>,
  integrationId: string,
  rows: Record<string, number>,
  exchanges: readonly Exchange[],
): Promise<Minimum> {
  const { rows: overflow } = await db.pool.query<{ type: string; extra: string }>(
    `SELECT d.type, sum(ceil(greatest(p.n - $2, 0) / $2::numeric)) AS extra
       FROM (SELECT document_id, count(*) AS n FROM document_positions
              WHERE integration_id = $1 GROUP BY document_id) p
       JOIN documents d ON d.id = p.document_id
      GROUP BY d.type`,
    [integrationId, EXPANDED_PAGE],
  );
  const extra = new Map(overflow.map((r) => [r.type, Number(r.extra)]));
  const minimum: Minimum = { '-': { requests: 1, stockRequests: 0 } };
  for (const entity of ENTITIES) {
    const n = rows[entity.name] ?? 0;
    let requests: number;
    if (entity.source === 'whole') {
      // States come from the metadata of counterparties and of each document type.
      const owners = 1 + ENTITIES.filter((e) => e.source === 'listed' && e.document).length;
      requests = entity.name === 'state' ? owners : pages(n, PAGE);
    } else if (entity.document) {
      requests = 1 + pages(n, EXPANDED_PAGE) + (extra.get(entity.document) ?? 0);
    } else {
      requests = 1 + pages(n, entity.expand ? EXPANDED_PAGE : PAGE);
    }
    minimum[entity.name] = { requests, stockRequests: 0 };
  }
  const reportSize = (path: string) =>
    exchanges.find((e) => e.path === path && e.size !== undefined)?.size ?? 0;
  const stock =
    pages(reportSize('/report/stock/bystore'), PAGE) + pages(reportSize('/report/stock/all'), PAGE);
  minimum.stock = { requests: stock, stockRequests: stock };
  return minimum;
}
