import { spawnSync } from 'node:child_process';
import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PlanError } from '../domain/plan-error.js';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

const LOCK_FILE = 'planbot.lock';

/**
 * PGlite has no cross-process lock: two processes on one folder corrupt it (NOTES-db.md). We hold
 * an flock(2) on `planbot.lock` for the life of the process. The kernel takes it atomically, keeps
 * it across pid namespaces (containers sharing a volume), and drops it when the holder's last file
 * descriptor closes, so a crash or kill -9 leaves nothing stale behind.
 *
 * Node has no flock, so the `flock` command (util-linux) locks our descriptor for us: an flock
 * belongs to the open file description, which the child shares and we keep open after it exits.
 * Node opens files close-on-exec, so no later child process of ours inherits the lock.
 *
 * The file stays in the folder (deleting a lock file lets a waiter lock a file that is no longer
 * there); while held it names its holder, for the error a second process shows.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  try {
    takeFlock(fd, dataDir, path);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  ftruncateSync(fd, 0);
  writeSync(fd, `pid ${process.pid} on ${hostname()}\n`, 0);
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    ftruncateSync(fd, 0);
    closeSync(fd);
  };
  // The kernel drops the lock at exit anyway; this also clears our name on a process.exit().
  process.on('exit', release);
  return { path, release };
}

function takeFlock(fd: number, dataDir: string, path: string): void {
  // The child's fd 3 is our descriptor. -n: fail at once (status 1) rather than wait.
  const result = spawnSync('flock', ['-x', '-n', '3'], { stdio: ['ignore', 'ignore', 'pipe', fd] });
  if (result.status === 0) return;
  if (result.status === 1) {
    const holder = readHolder(path);
    throw new PlanError(
      'data_dir_locked',
      `The data folder ${dataDir} is in use by another planbot process${holder ? ` (${holder})` : ''}. ` +
        'Stop that process, or point PLANBOT_DATA_DIR at another folder.',
    );
  }
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  const detail = result.error?.message || result.stderr?.toString().trim() || `status ${result.status}`;
  throw new PlanError(
    'data_dir_locked',
    missing
      ? `Could not lock the data folder ${dataDir}: planbot needs the flock command. ` +
          'Install util-linux (Debian, Ubuntu) or flock (Homebrew), or set DATABASE_URL to use PostgreSQL.'
      : `Could not lock the data folder ${dataDir}: flock failed (${detail}). ` +
          'Put the folder on a local file system, or set DATABASE_URL to use PostgreSQL.',
    { cause: result.error },
  );
}

/** What the holder wrote ("pid 42 on host-a"); empty in the instant between its lock and its write. */
function readHolder(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
