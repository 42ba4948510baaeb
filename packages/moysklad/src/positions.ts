import type { Meta } from './schemas/common';
import type { Page } from './paging';
import type { InvalidRow } from './validation';

/** The part of a document this module looks at. */
export interface WithPositions {
  id: string;
  positions?: { meta: Meta; rows?: readonly unknown[] | null | undefined } | null | undefined;
}

/** All positions of one document, read from its own `/positions` resource. */
export type LoadPositions = (
  documentId: string,
) => Promise<{ rows: unknown[]; invalid: InvalidRow[] }>;

type Positions = NonNullable<WithPositions['positions']>;

/** Whether expanded `positions` hold fewer rows than the document has. */
export function positionsIncomplete(positions: Positions): boolean {
  return (positions.meta.size ?? 0) > (positions.rows?.length ?? 0);
}

/**
 * Fills in the positions of documents whose expanded `positions` were cut short
 * (`positions.meta.size > rows.length`) from `/entity/<type>/<id>/positions`. A document with
 * any invalid position moves to `invalid` as a whole: stored with positions missing, its totals
 * would silently disagree with MoySklad.
 */
export async function completePositions<D extends WithPositions>(
  page: Page<D>,
  load: LoadPositions,
): Promise<Page<D>> {
  const rows: D[] = [];
  const invalid = [...page.invalid];
  for (const [index, document] of page.rows.entries()) {
    const positions = document.positions;
    if (!positions || !positionsIncomplete(positions)) {
      rows.push(document);
      continue;
    }
    const loaded = await load(document.id);
    if (loaded.invalid.length === 0) {
      rows.push({ ...document, positions: { ...positions, rows: loaded.rows } });
      continue;
    }
    invalid.push({
      id: document.id,
      href: positions.meta.href,
      position: page.offset + index,
      issues: loaded.invalid.flatMap((p) =>
        p.issues.map((issue) => ({
          ...issue,
          path: ['positions', 'rows', p.position, ...issue.path],
        })),
      ),
      message: loaded.invalid.map((p) => `position ${p.id ?? p.position}: ${p.message}`).join('\n'),
      raw: document,
    });
  }
  return { ...page, rows, invalid };
}
