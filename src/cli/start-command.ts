import { parseArgs } from 'node:util';
import pino from 'pino';
import { parseConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { PlanError } from '../domain/plan-error.js';
import { EXIT, type CliContext } from './cli-context.js';
import { openMigratedDatabase } from './open-configured-database.js';
import { runConsole, type ConsoleOptions } from './run-console.js';
import { serve, shutdownSignal } from './serve.js';

export interface StartIo {
  /** The console's input; a TTY or not decides what an input that ends at once means. */
  input: NodeJS.ReadableStream;
  /** Server mode: stop when this resolves (default: SIGINT/SIGTERM). */
  until?: Promise<unknown>;
  onListening?: (port: number) => void;
}

/**
 * `planbot start`. With Slack or Teams configured it serves them (src/cli/serve.ts). With neither, it runs the local console on the embedded database: the
 * example plan on first run, the scheduler on the real clock (or `--speed` times faster), and
 * `/plan …` commands typed as a plan member.
 */
export async function startCommand(
  ctx: CliContext,
  argv: string[],
  io: StartIo = { input: process.stdin },
): Promise<number> {
  const options = parseStartArgs(argv);
  const config = parseConfig(ctx.env, ctx.cwd);
  const consoleMode = !config.slack && !config.teams;
  // The console owns stdout for the conversation; its logs go to stderr.
  const logger = consoleMode ? createLogger(config, pino.destination(2)) : createLogger(config);
  const database = await openMigratedDatabase(config, ctx);
  try {
    logger.info(
      { database: database.description, slack: Boolean(config.slack), teams: Boolean(config.teams) },
      'database ready',
    );
    if (!consoleMode) {
      await serve({
        config,
        database,
        clock: ctx.clock,
        logger,
        until: io.until ?? shutdownSignal(),
        ...(io.onListening ? { onListening: io.onListening } : {}),
      });
      return EXIT.ok;
    }
    ctx.err(
      [
        'No chat platform configured: running the local console on the embedded database.',
        '  Connect Slack with SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET, or Teams with MICROSOFT_APP_ID + MICROSOFT_APP_PASSWORD (see .env.example).',
      ].join('\n'),
    );
    return await runConsole(ctx, config, database, options, io.input);
  } finally {
    await database.close();
  }
}

function parseStartArgs(argv: string[]): ConsoleOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: { as: { type: 'string' }, speed: { type: 'string' }, plan: { type: 'string' } },
    });
  } catch (error) {
    throw new PlanError(
      'invalid_command',
      `${(error as Error).message}\nUsage: planbot start [--plan <name>] [--as <member key>] [--speed N]`,
    );
  }
  const speed = Number(parsed.values.speed ?? 1);
  if (!Number.isFinite(speed) || speed < 1 || speed > 100_000)
    throw new PlanError('invalid_command', `--speed ${parsed.values.speed}: expected a number from 1 to 100000.`);
  const { as, plan } = parsed.values;
  return { speed, ...(as ? { as } : {}), ...(plan ? { plan } : {}) };
}
