/**
 * Indexes that the migrations create but schema.prisma cannot express (partial, expression,
 * trigram). The drift test accepts exactly these beyond what the schema declares, and fails if one
 * listed here is missing from the database.
 */
export const EXTRA_INDEXES: Record<string, string> = {
  system_alerts_open_dedup_key: 'partial unique: one unresolved alert per dedup key',
  users_search_trgm_idx: 'trigram search over lower(email) and lower(name)',
};
