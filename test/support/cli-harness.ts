import { runCli } from '../../src/cli/run-cli.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';

/** Runs one planbot command in-process, capturing what a user would see. */
export async function runInProcess(
  argv: string[],
  options: { env?: Record<string, string>; cwd: string; now?: string },
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: options.env ?? {},
    cwd: options.cwd,
    clock: new ManualClock(options.now ?? '2026-12-01T12:00:00Z'),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
