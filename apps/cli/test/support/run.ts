import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/crm.js', import.meta.url));

export type Run = { code: number; stdout: string; stderr: string };

/**
 * The `crm` binary as a user runs it, in a home of its own: profiles land in a temporary config
 * directory, and nothing of the developer's environment (CRM_*, colours) leaks in.
 */
export function cliHome(serverUrl: () => string) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-cli-'));
  const configDir = path.join(home, 'config');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(CRM_|NO_COLOR|FORCE_COLOR|LC_|LANG)/.test(k)),
  );

  function crm(
    args: string[],
    options: { input?: string; env?: Record<string, string> } = {},
  ): Promise<Run> {
    const env = {
      ...inherited,
      HOME: home,
      XDG_CONFIG_HOME: configDir,
      CRM_URL: serverUrl(),
      LANG: 'C.UTF-8',
      ...options.env,
    };
    return new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        [BIN, ...args],
        { env, encoding: 'utf8' },
        (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        },
      );
      child.stdin!.end(options.input ?? '');
    });
  }

  return {
    crm,
    /** Runs a command that must succeed and parses its `--json` output. */
    async json<T = any>(args: string[], options?: Parameters<typeof crm>[1]): Promise<T> {
      const run = await crm([...args, '--json'], options);
      if (run.code !== 0) throw new Error(`crm ${args.join(' ')} failed: ${run.stderr}`);
      return JSON.parse(run.stdout) as T;
    },
    profileFile: (name = 'default') => path.join(configDir, 'crm', 'profiles', `${name}.json`),
    remove: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}
