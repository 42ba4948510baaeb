import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/** Whether `pid` is a postgres server on this data directory (a pid can be reused by anything). */
function isPostgresOn(pid: number, dataDir: string): boolean {
  try {
    const command = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return command.includes('postgres') && command.includes(dataDir);
  } catch {
    return false;
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes the data directory startable after an unclean exit. A server killed with SIGKILL leaves
 * its PostgreSQL running (orphaned) or a `postmaster.pid` behind. The owner file records which
 * process started the cluster: if that process is gone, the cluster is ours to stop; if it is
 * alive, another server is using this data directory and we must not touch it.
 */
export async function recoverStaleCluster(dataDir: string, ownerFile: string): Promise<void> {
  const postmasterPidFile = path.join(dataDir, 'postmaster.pid');
  const postmasterPid = readPid(postmasterPidFile);
  if (postmasterPid === undefined) return;

  if (isAlive(postmasterPid) && isPostgresOn(postmasterPid, dataDir)) {
    const owner = readPid(ownerFile);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by another server (pid ${owner}). Stop it, or set CRM_DATA_DIR to another directory.`,
      );
    }
    // Fast shutdown first; an orphan that ignores it is killed so the port and files are freed.
    process.kill(postmasterPid, 'SIGINT');
    if (!(await waitForExit(postmasterPid, 30_000))) {
      process.kill(postmasterPid, 'SIGKILL');
      await waitForExit(postmasterPid, 5_000);
    }
  }
  fs.rmSync(postmasterPidFile, { force: true });
}
