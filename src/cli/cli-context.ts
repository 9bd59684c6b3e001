import type { Clock } from '../service/ports/clock.js';

/** What a command may touch: passed in, so tests run commands in-process with their own env, output and time. */
export interface CliContext {
  env: Record<string, string | undefined>;
  cwd: string;
  clock: Clock;
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 the command failed, 2 wrong usage (sysexits' EX_USAGE is 64, but 2 is what shells expect). */
export const EXIT = { ok: 0, failed: 1, usage: 2, notConfigured: 3, internal: 70 } as const;
