import type { TestProject } from 'vitest/node';
import { startTestDatabaseServer } from './server';

type Shared = { server: Promise<Awaited<ReturnType<typeof startTestDatabaseServer>>>; users: number };
const KEY = Symbol.for('crm.testDatabaseServer');
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;

/**
 * One database server for the whole run, however many projects declare this setup: the run
 * (all packages in one process) shares it through a process-wide registry.
 */
export default async function setup(project: TestProject) {
  const shared = (registry[KEY] ??= { server: startTestDatabaseServer(), users: 0 });
  shared.users++;
  const server = await shared.server;
  project.provide('crmTestDatabase', { adminUrl: server.adminUrl, template: server.template, kind: server.kind });
  return async () => {
    if (--shared.users === 0) {
      registry[KEY] = undefined;
      await server.stop();
    }
  };
}
