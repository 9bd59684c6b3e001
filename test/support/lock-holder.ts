// A separate process that takes and lets go of data folder locks when told, one command a line on
// stdin: `lock <folder>` and `release`. It answers each with one JSON line on stdout, so a test can
// start several, make them race for one folder, kill them, or run them in another pid namespace.
import { createInterface } from 'node:readline';
import { lockDataDir, type DataDirLock } from '../../src/store/data-dir-lock.js';
import { PlanError } from '../../src/domain/plan-error.js';

let held: DataDirLock | undefined;
const answer = (reply: object) => process.stdout.write(`${JSON.stringify(reply)}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const space = line.indexOf(' ');
  const command = space < 0 ? line : line.slice(0, space);
  if (command === 'release') {
    held?.release();
    held = undefined;
    answer({ released: true });
  } else if (command === 'lock') {
    try {
      held = lockDataDir(line.slice(space + 1));
      answer({ held: true });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      answer({ held: false, code: error.code, message: error.message });
    }
  } else {
    throw new Error(`lock-holder: unknown command ${line}`);
  }
});
answer({ ready: true, pid: process.pid });
