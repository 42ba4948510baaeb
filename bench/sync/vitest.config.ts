import { defineConfig } from 'vitest/config';
import { databaseTestSetup } from '../../packages/db/src/testing/vitest.ts';

/** Run with `npx pnpm@12.21.0 exec vitest run --root bench/sync` from the repo root. */
export default defineConfig({
  test: {
    include: ['*.bench.test.ts'],
    testTimeout: 3 * 3600_000,
    hookTimeout: 600_000,
    ...databaseTestSetup,
  },
});
