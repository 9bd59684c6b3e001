import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isPlanError } from '../service/plan-error.js';
import { EXIT, type CliContext } from './cli-context.js';
import { migrateCommand } from './migrate-command.js';
import { migrateCreateCommand } from './migrate-create-command.js';
import { startCommand } from './start-command.js';

const HELP = `planbot — runs your team's execution plan in Slack and Microsoft Teams

Usage: planbot <command> [options]

Commands:
  start            migrate the database, then run planbot (chat adapters: see README)
  migrate          apply pending database migrations and exit
  migrate:create <name>
                   write the next migration from changes to prisma/schema.prisma (development)

Options:
  -h, --help       show this help
  -v, --version    print planbot's version

Configuration comes from the environment; see .env.example. With no DATABASE_URL,
planbot keeps its data in an embedded PostgreSQL (PGlite) under PLANBOT_DATA_DIR (./var/data).`;

type Command = (ctx: CliContext, args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  start: (ctx) => startCommand(ctx),
  migrate: (ctx) => migrateCommand(ctx),
  'migrate:create': migrateCreateCommand,
};

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** Runs one CLI invocation and returns its exit code; every failure becomes a message, never a stack trace. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    });
  } catch (error) {
    ctx.err(`planbot: ${(error as Error).message}\nRun \`planbot --help\` for usage.`);
    return EXIT.usage;
  }
  const [name, ...args] = parsed.positionals;
  if (parsed.values.version) {
    ctx.out(packageVersion());
    return EXIT.ok;
  }
  if (parsed.values.help || name === undefined || name === 'help') {
    ctx.out(HELP);
    return name === undefined && !parsed.values.help ? EXIT.usage : EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    ctx.err(`planbot: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.\nRun \`planbot --help\` for usage.`);
    return EXIT.usage;
  }
  try {
    return await command(ctx, args);
  } catch (error) {
    if (isPlanError(error)) {
      ctx.err(`planbot: ${error.message}`);
      return error.code === 'invalid_command' ? EXIT.usage : EXIT.failed;
    }
    ctx.err(`planbot: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }
}
