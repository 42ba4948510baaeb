import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SDK_DIR = path.resolve(import.meta.dirname, '../..');
export const CONTRACTS_DIR = path.resolve(SDK_DIR, '../contracts');

/** pnpm, as the test run was started with: its `pack` applies publishConfig and resolves workspace versions. */
function pnpm(): string {
  const execPath = process.env.npm_execpath;
  if (!execPath || !/pnpm/.test(path.basename(execPath))) {
    throw new Error('Run the tests through pnpm (npx pnpm@12 exec vitest ...): packing needs it');
  }
  return execPath;
}

/** Packs a workspace package as it would be published (its prepack builds it) and unpacks it into `nodeModules`. */
export async function installPacked(packageDir: string, nodeModules: string): Promise<string> {
  const out = fs.mkdtempSync(path.join(path.dirname(nodeModules), 'pack-'));
  await run(pnpm(), ['pack', '--pack-destination', out], { cwd: packageDir });
  const [tarball] = fs.readdirSync(out).filter((f) => f.endsWith('.tgz'));
  const { name } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    name: string;
  };
  const target = path.join(nodeModules, name);
  fs.mkdirSync(target, { recursive: true });
  await run('tar', ['-xzf', path.join(out, tarball!), '-C', target, '--strip-components=1']);
  return target;
}

/** Makes a dependency the SDK resolves (zod, tRPC, ...) visible to the consumer, as an install would. */
export function linkDependency(name: string, nodeModules: string) {
  const target = path.join(nodeModules, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.symlinkSync(fs.realpathSync(path.join(SDK_DIR, 'node_modules', name)), target, 'dir');
}

/** Type-checks a project with the workspace's TypeScript; resolves to its diagnostics, empty when clean. */
export async function typeCheck(projectDir: string): Promise<string> {
  const tsc = path.join(fs.realpathSync(path.join(SDK_DIR, 'node_modules/typescript')), 'bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', projectDir]);
    return '';
  } catch (error) {
    return (error as { stdout?: string }).stdout || String(error);
  }
}

/** Runs an ES module snippet in a directory and resolves to what it printed. */
export async function runModule(cwd: string, source: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', source], {
    cwd,
  });
  return stdout.trim();
}

/** Every package a declaration file imports or re-exports from (`zod/v4/core` is `zod`). */
export function importedPackages(declarations: string): string[] {
  const specifiers = [...declarations.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map(
    (m) => m[1]!,
  );
  const packages = specifiers.map((s) =>
    s
      .split('/')
      .slice(0, s.startsWith('@') ? 2 : 1)
      .join('/'),
  );
  return [...new Set(packages)];
}
