import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PlanError, isPlanError } from '../domain/plan-error.js';
import { secretScrubber } from '../logger.js';
import { chartCommand } from './chart-command.js';
import { EXIT, type CliContext } from './cli-context.js';
import { importCommand } from './import-command.js';
import { exportCommand } from './export-command.js';
import { migrateCommand } from './migrate-command.js';
import { simulateCommand } from './simulate-command.js';
import { migrateCreateCommand } from './migrate-create-command.js';
import { startCommand } from './start-command.js';

const HELP = `planbot — runs your team's execution plan in Slack and Microsoft Teams

Usage: planbot <command> [options]

Commands:
  start            migrate the database, then run planbot; with no Slack/Teams credentials,
                   the local console (--plan <name>, --as <member>, --speed N)
  migrate          apply pending database migrations and exit
  import <file>    read a plan (Markdown, YAML or JSON), preview it and store it
                   --start YYYY-MM-DD  first day, when the plan has only day/week numbers
                   --dry-run           preview only; --out plan.yaml writes the canonical form
                   --name, --workspace, --channel  override the plan name, workspace, channel
  export <plan>    write a stored plan as it stands now: --format csv (tasks), ics (calendar of
                   rituals, milestones and due dates) or yaml (canonical plan); --out FILE, --workspace
  simulate <file>  print what planbot would post over a plan on a virtual clock, with a simulated team
                   --start YYYY-MM-DD, --days N (default 21), --seed N (default 1)
  chart <plan>     write the plan's chart (planned vs done by day, burn-up by week) as a PNG
                   --out FILE.png (default plan-chart.png), --week N (one plan week), --workspace
  migrate:create <name>
                   write the next migration from changes to prisma/schema.prisma (development)

Options:
  -h, --help       show this help
  -v, --version    print planbot's version

Configuration comes from the environment; see .env.example. With no DATABASE_URL,
planbot keeps its data in an embedded PostgreSQL (PGlite) under PLANBOT_DATA_DIR (./var/data).`;

type Command = (ctx: CliContext, args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  start: startCommand,
  migrate: (ctx, args) => (noArguments('migrate', args), migrateCommand(ctx)),
  import: importCommand,
  simulate: simulateCommand,
  export: exportCommand,
  chart: chartCommand,
  'migrate:create': migrateCreateCommand,
};

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** Runs one CLI invocation and returns its exit code; every failure becomes a message, never a stack trace. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  // Global flags come before the command; everything after the command is the command's own.
  const commandAt = argv.findIndex((arg) => !arg.startsWith('-'));
  const globals = commandAt === -1 ? argv : argv.slice(0, commandAt);
  let parsed;
  try {
    parsed = parseArgs({
      args: globals,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    });
  } catch (error) {
    ctx.err(`planbot: ${(error as Error).message}\nRun \`planbot --help\` for usage.`);
    return EXIT.usage;
  }
  const name = commandAt === -1 ? undefined : argv[commandAt];
  const args = commandAt === -1 ? [] : argv.slice(commandAt + 1);
  if (parsed.values.version) {
    ctx.out(packageVersion());
    return EXIT.ok;
  }
  if (parsed.values.help || name === undefined || name === 'help' || args.includes('--help')) {
    ctx.out(HELP);
    return name === undefined && !parsed.values.help ? EXIT.usage : EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    ctx.err(
      `planbot: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.\nRun \`planbot --help\` for usage.`,
    );
    return EXIT.usage;
  }
  try {
    return await command(ctx, args);
  } catch (error) {
    if (isPlanError(error)) {
      ctx.err(`planbot: ${error.message}`);
      for (const problem of error.details.problems ?? [])
        if (!error.message.includes(problem)) ctx.err(`  - ${problem}`);
      return exitCodeOf(error);
    }
    return reportInternalError(error, ctx);
  }
}

function exitCodeOf(error: PlanError): number {
  if (error.code === 'invalid_command') return EXIT.usage;
  if (error.code === 'database_unreachable') return EXIT.databaseUnreachable;
  return EXIT.failed;
}

/**
 * An error planbot has no message for (a bug): one line and the internal-error code; the stack
 * only at LOG_LEVEL=debug, where whoever reports it can get it.
 */
export function reportInternalError(error: unknown, ctx: Pick<CliContext, 'env' | 'err'>): number {
  // Shaped like a secret is blanked: an escaped error's text can carry a token or a database URL.
  const scrub = secretScrubber([]);
  const message = scrub((error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim());
  const debug = ctx.env.LOG_LEVEL === 'debug' || ctx.env.LOG_LEVEL === 'trace';
  ctx.err(
    `planbot: internal error (exit ${EXIT.internal}): ${message || 'no message'}.${debug ? '' : ' Run again with LOG_LEVEL=debug for the stack trace, and report it.'}`,
  );
  if (debug && error instanceof Error && error.stack) ctx.err(scrub(error.stack));
  return EXIT.internal;
}

/** For commands that take no arguments: anything extra is a usage error, not silently ignored. */
export function noArguments(command: string, args: string[]): void {
  if (args.length > 0)
    throw new PlanError(
      'invalid_command',
      `planbot ${command} takes no arguments (got ${args.join(' ')}). Run \`planbot --help\` for usage.`,
    );
}
