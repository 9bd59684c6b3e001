import { parseConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { EXIT, type CliContext } from './cli-context.js';
import { openMigratedDatabase } from './open-configured-database.js';

/**
 * `planbot start`. Today it prepares the database and says what is missing; the scheduler
 * and the chat adapters arrive with issues #4–#6, and until then it says so instead of
 * pretending to run.
 */
export async function startCommand(ctx: CliContext): Promise<number> {
  const config = parseConfig(ctx.env, ctx.cwd);
  const logger = createLogger(config);
  const database = await openMigratedDatabase(config, ctx);
  try {
    logger.info({ database: database.description, slack: Boolean(config.slack), teams: Boolean(config.teams) }, 'database ready');
    const platforms = [config.slack && 'Slack', config.teams && 'Microsoft Teams'].filter(Boolean);
    if (platforms.length === 0) {
      ctx.err(
        [
          '',
          'No chat platform is configured, so planbot has nothing to connect to yet. Set one of:',
          '  Slack:  SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (add SLACK_APP_TOKEN for Socket Mode)',
          '  Teams:  MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD',
          'Every variable is described in .env.example.',
        ].join('\n'),
      );
      return EXIT.notConfigured;
    }
    ctx.err(`${platforms.join(' and ')} configured, but the chat adapters and the scheduler are not built yet (issues #4, #5, #6). Exiting.`);
    return EXIT.notConfigured;
  } finally {
    await database.close();
  }
}
