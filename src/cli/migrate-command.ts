import { parseConfig } from '../config.js';
import { EXIT, type CliContext } from './cli-context.js';
import { openMigratedDatabase } from './open-configured-database.js';

/** `planbot migrate`: applies pending migrations to the configured database, then exits. */
export async function migrateCommand(ctx: CliContext): Promise<number> {
  const config = parseConfig(ctx.env, ctx.cwd);
  const database = await openMigratedDatabase(config, ctx);
  await database.close();
  return EXIT.ok;
}
