import { defineConfig } from 'tsdown';

/**
 * The build of a published library (`@crm/contracts`, `@crm/sdk`): ESM and declarations in
 * dist/, for the entry points its publishConfig names; the workspace imports the sources.
 * Dependencies stay imports, so nothing of another package is bundled in.
 */
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  // Declarations come from the TypeScript compiler, which rolldown would report as a slow plugin.
  checks: { bundlerTimings: false },
});
