import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far; undefined off Linux or once it is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // utime and stime are fields 14 and 15, counted after the parenthesised command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * CPU used by the PostgreSQL backends behind the given connections (their server process ids),
 * read from /proc every second without asking the database anything. A backend first seen during
 * the run counts from zero; one that goes away loses its last second.
 */
export function watchBackendsCpu(pids: () => Iterable<number>): { stop(): number } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = (initial: boolean) => {
    for (const pid of pids()) {
      const seconds = cpuSecondsOf(pid);
      if (seconds === undefined) continue;
      if (!first.has(pid)) first.set(pid, initial ? seconds : 0);
      last.set(pid, seconds);
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), 1000);
  return {
    stop() {
      clearInterval(timer);
      sample(false);
      let total = 0;
      for (const [pid, seconds] of last) total += seconds - first.get(pid)!;
      return total;
    },
  };
}
