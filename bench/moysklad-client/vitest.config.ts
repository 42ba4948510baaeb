import { defineConfig } from 'vitest/config';

/** Run with `npx pnpm@12.21.0 exec vitest run --root bench/moysklad-client` from the repo root. */
export default defineConfig({
  test: { include: ['*.bench.test.ts'], testTimeout: 600_000 },
});
