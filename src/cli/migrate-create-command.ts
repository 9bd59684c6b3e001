import { relative } from 'node:path';
import { PlanError } from '../domain/plan-error.js';
import { createMigration } from '../store/migrator.js';
import { EXIT, type CliContext } from './cli-context.js';

/** `npm run db:migrate:create -- <name>`: writes the next migration from changes to prisma/schema.prisma. */
export async function migrateCreateCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [name, ...extra] = args;
  if (name === undefined || extra.length > 0) {
    throw new PlanError('invalid_command', 'Usage: npm run db:migrate:create -- <name>   (e.g. add_blocker_tags)');
  }
  ctx.err('Comparing prisma/schema.prisma with the migration history (on a scratch in-memory database)…');
  const folder = await createMigration(name, ctx.clock.now());
  if (folder === undefined) {
    ctx.out('No changes: prisma/schema.prisma and prisma/migrations agree. Nothing written.');
  } else {
    ctx.out(`Wrote ${relative(ctx.cwd, folder)}/migration.sql — review it, then run \`planbot migrate\`.`);
  }
  return EXIT.ok;
}
