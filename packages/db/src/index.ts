export { createDatabase, type Database, type DatabaseKind } from './client';
export { checkConnection, DatabaseUnavailableError, describeUrl } from './connection';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded/embedded-postgres';
export { loadMigrations, MIGRATIONS_DIR, type Migration } from './migrate/migrations';
export { migrate, migrationStatus, MigrationError, type MigrationResult, type MigrationStatus } from './migrate/migrator';
export { openDatabase } from './open';
export * from './generated/prisma/client';
