import { fileURLToPath } from 'node:url';

/** Add to a package's vitest project when its tests need PostgreSQL. */
export const databaseTestSetup = {
  globalSetup: [fileURLToPath(new URL('./global-setup.ts', import.meta.url))],
};
