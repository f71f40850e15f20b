import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Caliu is already running on the data directory ${dataDir} (process ${pid}). ` +
        'PGlite serves one process at a time: stop that process first, or point CALIU_DATA_DIR ' +
        'at another directory, or use a PostgreSQL server (DATABASE_URL) to run several processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own: a second process would open the same files and silently lose
 * writes. We take an exclusive lock file; one left by a process that no longer exists is stale
 * and cleared (with PGlite's own stale postmaster.pid). Returns the release function.
 */
export function lockDataDir(dataDir: string, pgDataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'caliu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new DataDirLockedError(dataDir, pid);
      }
      // Stale: the owner is gone. PGlite's postmaster.pid from that run would make it abort.
      rmSync(lockPath, { force: true });
      const postmasterPid = path.join(pgDataDir, 'postmaster.pid');
      if (existsSync(postmasterPid)) rmSync(postmasterPid, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}
