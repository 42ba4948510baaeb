/*
 * The synced-data write layer: how the sync engine stores what a source holds, page by page. It
 * knows nothing of the source; rows arrive mapped to the shapes below. A full pass of an entity:
 * beginFullPass → upsertX per page (and recordSeenIds) → resolveReferences(db, id, entity) →
 * listUnseenIds, re-checked at the source → markDeleted → endFullPass. An incremental run: upsertX
 * per page → resolveReferences → saveSyncState({ watermark }). Stock: beginFullPass(db, id, 'stock')
 * → upsertStock(..., { fullPass: true }) per page → finishStockPass; between full passes,
 * upsertStock(..., { fields: [...] }) with what a change feed reports.
 */
export type { Decimal, Json } from './spec/columns';
export { SyncedValueError } from './sql/encode';
export type { UpsertOutcome, UpsertResult } from './upsert';
export {
  upsertCurrencies,
  upsertEmployees,
  upsertOrganizations,
  upsertPriceTypes,
  upsertProductFolders,
  upsertProjects,
  upsertSalesChannels,
  upsertStates,
  upsertStores,
  upsertUnits,
  type CurrencyRow,
  type EmployeeRow,
  type OrganizationRow,
  type PriceTypeRow,
  type ProductFolderRow,
  type ProjectRow,
  type SalesChannelRow,
  type StateRow,
  type StoreRow,
  type UnitRow,
} from './dictionaries';
export {
  upsertBundles,
  upsertProducts,
  upsertServices,
  upsertVariants,
  type BundleComponentRow,
  type BundleRow,
  type ProductRow,
  type SalePriceRow,
  type ServiceRow,
  type VariantRow,
} from './catalog';
export {
  upsertCounterparties,
  type CounterpartyContactRow,
  type CounterpartyRow,
} from './counterparties';
export { upsertDocuments, type DocumentPositionRow, type DocumentRow } from './documents';
export {
  finishStockPass,
  setStockCost,
  stockItemTypes,
  stockItemsChangedSince,
  upsertStock,
  zeroStockExcept,
  type StockField,
  type StockRow,
  type StockUpsertResult,
} from './stock';
export { SYNCED_ENTITIES, type SyncedEntity, type SyncStateEntity } from './entities';
export { resolveReferences } from './references';
export { markDeleted } from './deletion';
export {
  abandonFullPasses,
  beginFullPass,
  clearSeenIds,
  endFullPass,
  listUnseenIds,
  recordSeenIds,
  unseenAmong,
  absentAmong,
} from './full-pass';
export {
  getSyncState,
  listSyncStates,
  saveSyncState,
  type SyncState,
  type SyncStatePatch,
} from './sync-state';
export { purgeSyncedData } from './purge';
export { syncedFigures, type SyncedFigures } from './figures';
export { rewindVersions } from './versions';
