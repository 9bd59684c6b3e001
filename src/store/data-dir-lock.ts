import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PlanError } from '../domain/plan-error.js';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

const LOCK_FILE = 'planbot.lock';

/**
 * PGlite has no cross-process lock: two processes on one folder corrupt it (NOTES-db.md).
 * An O_EXCL lock file holding our pid keeps a second planbot out; a lock whose pid is gone
 * (a crash, kill -9) is stale and taken over.
 */
export function lockDataDir(dataDir: string, pid: number = process.pid): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return releasable(path, pid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder !== undefined && holder !== pid && isAlive(holder)) {
      throw new PlanError(
        'data_dir_locked',
        `The data folder ${dataDir} is in use by another planbot process (pid ${holder}). ` +
          `Stop that process, or point PLANBOT_DATA_DIR at another folder. If no such process runs, delete ${path}.`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new PlanError(
    'data_dir_locked',
    `Could not take the lock ${path}: another process keeps taking it. Try again.`,
  );
}

function releasable(path: string, pid: number): DataDirLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // Only remove the lock if it is still ours (a stale-lock takeover may have replaced it).
    if (readHolder(path) === pid) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return { path, release };
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
