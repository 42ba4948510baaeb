/**
 * Indexes that the migrations create but schema.prisma cannot express (partial, expression,
 * trigram). The drift test accepts exactly these beyond what the schema declares, and fails if one
 * listed here is missing from the database.
 */
export const EXTRA_INDEXES: Record<string, string> = {
  system_alerts_open_dedup_key: 'partial unique: one unresolved alert per dedup key',
  users_search_trgm_idx: 'trigram search over lower(email) and lower(name)',

  // Search. Queries must use the same expressions to hit them.
  products_name_trgm_idx: 'trigram: products by name substring or similarity',
  products_article_trgm_idx: 'trigram: products by article',
  products_code_trgm_idx: 'trigram: products by code',
  products_name_fts_idx: "full text: to_tsvector('russian', name)",
  counterparties_name_trgm_idx: 'trigram: counterparties by name',
  counterparties_inn_trgm_idx: 'trigram: counterparties by INN',
  counterparties_phone_digits_trgm_idx:
    "trigram: counterparties by phone digits, regexp_replace(phone, '\\D', '', 'g')",

  documents_live_type_moment_idx:
    'partial: documents not deleted and not trashed, by type and moment',

  // The reference resolver's work lists: rows whose reference is not resolved yet.
  documents_organization_unresolved_idx: 'partial: unresolved organization',
  documents_agent_unresolved_idx: 'partial: unresolved agent (counterparty or organization)',
  documents_store_unresolved_idx: 'partial: unresolved store',
  documents_state_unresolved_idx: 'partial: unresolved state',
  documents_project_unresolved_idx: 'partial: unresolved project',
  documents_sales_channel_unresolved_idx: 'partial: unresolved sales channel',
  documents_owner_unresolved_idx: 'partial: unresolved owner',
  documents_currency_unresolved_idx: 'partial: unresolved currency',
  documents_base_document_unresolved_idx: 'partial: unresolved base document',
  document_positions_assortment_unresolved_idx: 'partial: unresolved assortment',
  stock_assortment_unresolved_idx: 'partial: unresolved assortment',
  stock_store_unresolved_idx: 'partial: unresolved store',
};
