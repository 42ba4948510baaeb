import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cpuSecondsOf } from './cpu';

const EMULATOR_BIN = fileURLToPath(
  new URL('../../packages/moysklad-emulator/bin/crm-moysklad-emulator.js', import.meta.url),
);
export const LOGIN = 'bench@emulator';
export const TOKENS = { solution: 'bench-solution-token', user: 'bench-user-token' } as const;

export interface EmulatorStats {
  requests: number;
  byStatus: Record<string, number>;
  byPath: Record<string, number>;
  rateLimited: { total: number; rate: number; parallel: number };
  maxInFlight: number;
  unitsSpent: number;
}

export interface RunningEmulator {
  /** The API root, `http://127.0.0.1:<port>/api/remap/1.2`. */
  baseUrl: string;
  generatedMs: number;
  stats(): Promise<EmulatorStats>;
  /** Empty rate buckets and zero counters, so each run starts alike. */
  reset(): Promise<void>;
  /** CPU seconds the emulator process has used (Linux only; undefined elsewhere). */
  cpuSeconds(): number | undefined;
  stop(): Promise<void>;
}

/**
 * The emulator CLI as a process of its own, so that its work (building and gzipping pages) shows
 * up in its own CPU time and not in the sync's. Resolves once it listens.
 */
export async function startEmulator(options: {
  dataset: string;
  timeScale: number;
  /** A manual clock: nothing changes between runs, and the stock feed's 24 hours are not exceeded. */
  clock: string;
}): Promise<RunningEmulator> {
  const child = spawn(
    process.execPath,
    [
      EMULATOR_BIN,
      ...['--dataset', options.dataset, '--seed', '1', '--port', '0'],
      ...['--time-scale', String(options.timeScale), '--clock', options.clock],
      ...['--user', `${LOGIN}:secret`],
      ...['--token', `user:${TOKENS.user}:${LOGIN}`, '--token', `solution:${TOKENS.solution}`],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout! });
  const started = await new Promise<{ origin: string; generatedMs: number }>((resolve, reject) => {
    void exited.then(([code]) => reject(new Error(`the emulator exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /^MoySklad emulator: (\S+)\/api\/remap\/1\.2 .*generated in (\d+) ms/.exec(line);
      if (m) resolve({ origin: m[1]!, generatedMs: Number(m[2]) });
    });
  });
  const control = async (path: string, method = 'GET') => {
    const response = await fetch(`${started.origin}/__control/${path}`, { method });
    if (!response.ok) throw new Error(`${method} /__control/${path}: ${response.status}`);
    return response.json();
  };
  return {
    baseUrl: `${started.origin}/api/remap/1.2`,
    generatedMs: started.generatedMs,
    stats: () => control('stats') as Promise<EmulatorStats>,
    async reset() {
      await control('limits/reset', 'POST');
      await control('stats/reset', 'POST');
    },
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
