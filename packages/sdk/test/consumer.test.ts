import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTRACTS_DIR,
  importedPackages,
  installPacked,
  linkDependency,
  runModule,
  SDK_DIR,
  typeCheck,
} from './support/consumer';

/** Packages a frontend may have to install beside the SDK; anything else in its types is a leak. */
const ALLOWED_IMPORTS = ['@crm/contracts', '@trpc/client', '@trpc/server', 'superjson', 'zod'];

describe('a frontend project with only the published SDK and contracts', () => {
  let project: string;
  let packages: { sdk: string; contracts: string };

  beforeAll(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-sdk-consumer-'));
    const nodeModules = path.join(project, 'node_modules');
    const [contracts, sdk] = await Promise.all([
      installPacked(CONTRACTS_DIR, nodeModules),
      installPacked(SDK_DIR, nodeModules),
    ]);
    packages = { sdk, contracts };
    for (const dependency of ['zod', '@trpc/client', '@trpc/server', 'superjson'])
      linkDependency(dependency, nodeModules);
    fs.cpSync(path.join(import.meta.dirname, 'fixtures/consumer'), project, { recursive: true });
  }, 120_000);

  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('publishes built entry points and real dependency versions', () => {
    for (const dir of Object.values(packages)) {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      expect(manifest.exports['.']).toEqual({
        types: './dist/index.d.ts',
        default: './dist/index.js',
      });
      expect(JSON.stringify(manifest.dependencies)).not.toMatch(/workspace:|catalog:/);
      expect(fs.existsSync(path.join(dir, 'src'))).toBe(false);
    }
  });

  it('declares types that import nothing of the server', () => {
    for (const dir of Object.values(packages)) {
      const declarations = fs.readFileSync(path.join(dir, 'dist/index.d.ts'), 'utf8');
      expect(importedPackages(declarations).filter((m) => !ALLOWED_IMPORTS.includes(m))).toEqual(
        [],
      );
      expect(declarations).not.toMatch(/@prisma|@crm\/(api|core|db|server)|\bpg\b|pino|CoreDeps/);
    }
  });

  it('type-checks typed calls and rejects wrong input', async () => {
    expect(await typeCheck(project)).toBe('');
  });

  it('loads and runs without the server', async () => {
    const printed = await runModule(
      project,
      `import { createCrmClient, formatMoney, userStatusSchema } from '@crm/sdk';
       const client = createCrmClient({ baseUrl: 'http://localhost:1' });
       console.log(typeof client.admin.users.list.query, await client.isAuthenticated(), userStatusSchema.parse('active'), formatMoney(100));`,
    );
    expect(printed.replace(/\s/g, ' ')).toBe('function false active 1,00 ₽');
  });
});
