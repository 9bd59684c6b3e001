// Generates the Prisma client into src/generated/prisma at install time.
// Prisma's CLI wants a native schema engine it would download from a host many machines
// cannot reach; generation does not use it, so any existing file satisfies the check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve('prisma/build/index.js');
} catch {
  // A production install (`npm ci --omit=dev`) has no prisma CLI: the image copies a client generated at build time.
  if (
    existsSync(new URL('../src/generated/prisma', import.meta.url)) ||
    existsSync(new URL('../dist/generated/prisma', import.meta.url))
  )
    process.exit(0);
  console.error(
    'planbot: the prisma CLI is not installed and no generated client exists; run `npm ci` with dev dependencies.',
  );
  process.exit(1);
}
const result = spawnSync(process.execPath, [cli, 'generate'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
