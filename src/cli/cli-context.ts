import type { Clock } from '../service/ports/clock.js';

/** What a command may touch: passed in, so tests run commands in-process with their own env, output and time. */
export interface CliContext {
  env: Record<string, string | undefined>;
  cwd: string;
  clock: Clock;
  out(line: string): void;
  err(line: string): void;
}

/**
 * Exit codes, as README and docs/operations.md list them: 0 done, 1 the command failed (the message
 * says why), 2 wrong usage (sysexits' EX_USAGE is 64, but 2 is what shells expect), 3 nothing to
 * run, 4 the database cannot be reached or refused the login (a supervisor may retry), 70 an
 * internal error (sysexits' EX_SOFTWARE): a bug, with the stack at LOG_LEVEL=debug.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, notConfigured: 3, databaseUnreachable: 4, internal: 70 } as const;
