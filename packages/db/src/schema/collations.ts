/** Sorts Russian as people expect: Ё beside Е, lower and upper case together. */
export const RUSSIAN_COLLATION = 'ru-x-icu';

const russian = (...columns: string[]) =>
  Object.fromEntries(columns.map((c) => [c, RUSSIAN_COLLATION]));

/**
 * Columns whose collation the migrations must set, `table.column` → collation: the names people
 * read and sort by. schema.prisma cannot declare a collation, so the drift test checks this list
 * against the database, and flags any column with a non-default collation that is not listed.
 */
export const COLLATED_COLUMNS: Record<string, string> = russian(
  'users.name',
  'organizations.name',
  'organizations.legal_title',
  'employees.name',
  'currencies.name',
  'price_types.name',
  'units.name',
  'stores.name',
  'stores.path_name',
  'product_folders.name',
  'product_folders.path_name',
  'states.name',
  'sales_channels.name',
  'projects.name',
  'counterparties.name',
  'counterparties.legal_title',
  'counterparty_contacts.name',
  'products.name',
  'products.path_name',
  'variants.name',
  'services.name',
  'services.path_name',
  'bundles.name',
  'bundles.path_name',
  'documents.name',
);
