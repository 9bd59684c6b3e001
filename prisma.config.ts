import { defineConfig } from 'prisma/config';

// The native CLI is optional here: planbot migrates with Prisma's WASM schema engine
// (`planbot migrate`). This config lets `prisma generate` and, where binaries can be
// downloaded, `prisma migrate deploy` find the same schema and history.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
