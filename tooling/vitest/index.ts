import { defineProject, type ViteUserConfig } from 'vitest/config';

type ProjectOptions = NonNullable<ViteUserConfig['test']>;

/**
 * Every package's vitest config goes through here so that the root run (all projects in one
 * process) and a package's own `vitest run` behave the same.
 */
export function crmProject(name: string, test: ProjectOptions = {}) {
  return defineProject({
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...test,
    },
  });
}
