import type { CliContext } from './cli/cli-context.js';
import { reportInternalError, runCli } from './cli/run-cli.js';
import { SystemClock } from './service/clocks/system-clock.js';

const ctx: CliContext = {
  env: process.env,
  cwd: process.cwd(),
  clock: new SystemClock(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
// Whatever escapes runCli (a rejection nobody awaited, a throw in a callback) still ends in one
// line and a documented exit code, not Node's stack trace and exit 1.
const crash = (error: unknown) => process.exit(reportInternalError(error, ctx));
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
const code = await runCli(process.argv.slice(2), ctx);
// Exit explicitly: the WASM schema engine leaves a timer pending for ~10 s (NOTES-db.md).
// Flush first so piped output is not cut off.
await new Promise<void>((done) => process.stdout.write('', () => done()));
await new Promise<void>((done) => process.stderr.write('', () => done()));
process.exit(code);
