import { runCli } from './cli/run-cli.js';
import { SystemClock } from './service/clocks/system-clock.js';

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  clock: new SystemClock(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
// Exit explicitly: the WASM schema engine leaves a timer pending for ~10 s (NOTES-db.md).
// Flush first so piped output is not cut off.
await new Promise<void>((done) => process.stdout.write('', () => done()));
await new Promise<void>((done) => process.stderr.write('', () => done()));
process.exit(code);
