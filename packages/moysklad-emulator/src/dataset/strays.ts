import { DAY, HOUR } from '../time/moscow';
import type { DocumentType } from '../model/types';
import type { Trade } from './trade';

/** Documents outside the flows: drafts and the recycle bin. */
export function strays(trade: Trade) {
  const { store, random, until, newDocument, commit, linesOf, atRateOf } = trade;
  /**
   * Drafts and the recycle bin: copies of ordinary documents that never moved stock, so the flows
   * above stay consistent however many of them there are.
   */
  const strayCopy = (type: DocumentType, time: number) => {
    const list = store.documents[type];
    if (list.length === 0) return;
    const source = list[random.int(Math.max(0, list.length - 20), list.length - 1)]!;
    const trashed = random.chance(0.4);
    const row = newDocument(type, time, {
      organization: source.organization,
      agent: source.agent,
      store: source.store,
      retailStore: source.retailStore,
      retailShift: source.retailShift,
      vatEnabled: source.vatEnabled,
      vatIncluded: source.vatIncluded,
      applicable: trashed ? random.chance(0.5) : false,
      description: trashed ? 'Создан по ошибке' : 'Черновик',
      state: source.state,
    });
    if (trashed) {
      row.deleted = Math.max(
        row.created,
        Math.min(row.created + random.int(HOUR, 3 * DAY), until - 1),
      );
      row.updated = row.deleted;
    }
    commit(row, atRateOf(linesOf(source).slice(0, 5), time));
    if (type === 'customerorder' || type === 'purchaseorder') row.closedAt = row.moment;
  };

  return { strayCopy };
}
