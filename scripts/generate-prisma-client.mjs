// Generates the Prisma client into src/generated/prisma at install time.
// Prisma's CLI wants a native schema engine it would download from a host many machines
// cannot reach; generation does not use it, so any existing file satisfies the check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const at = (path) => existsSync(new URL(`../${path}`, import.meta.url));
const generated = at('src/generated/prisma') || at('dist/generated/prisma');

// A production install (the image's `npm ci --omit=dev`) has the compiled app and its client in
// dist/, and no schema to generate from: there is nothing to do. npm may still install the prisma
// CLI there (an optional peer of @prisma/client), so its presence does not mean "generate".
if (!at('prisma/schema.prisma') && generated) process.exit(0);

let cli;
try {
  cli = require.resolve('prisma/build/index.js');
} catch {
  if (generated) process.exit(0);
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
