import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseConfig } from '../config.js';
import { PlanError } from '../domain/plan-error.js';
import { calendarFeedPath } from '../service/export/calendar-feed-path.js';
import { currentPlanDocument } from '../service/export/current-plan-document.js';
import { planIcs } from '../service/export/plan-ics.js';
import { tasksCsv } from '../service/export/tasks-csv.js';
import { PlanView } from '../service/read-model/plan-view.js';
import { consoleWorkspace } from '../service/read-model/workspace-ref.js';
import { PrismaPlanStore } from '../store/prisma-plan-store.js';
import { choosePlan } from './choose-plan.js';
import { commandArgs } from './command-args.js';
import { EXIT, type CliContext } from './cli-context.js';
import { workspaceOption } from './import-command.js';
import { openMigratedDatabase } from './open-configured-database.js';
import { planYaml } from './plan-yaml.js';

export const EXPORT_USAGE =
  'Usage: planbot export <plan name> --format csv|ics|yaml [--out FILE] [--workspace slack:TEAM_ID|teams:TENANT_ID|NAME]\n       planbot export <plan name> --format ics --url   (the URL calendar apps subscribe to)';

const NO_CALENDAR_FEEDS =
  'Subscribable calendars are off: set PLANBOT_PUBLIC_URL (the https address people reach planbot at) and PLANBOT_CALENDAR_SECRET (`openssl rand -base64 32`), restart planbot, and ask again.';

const FEED_NOTE =
  'Subscribe to it in a calendar app (Google: Other calendars → From URL; Outlook: Add calendar → Subscribe from web). Anyone with the URL can read the calendar; a new PLANBOT_CALENDAR_SECRET revokes every URL.';

const FORMATS = ['csv', 'ics', 'yaml'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `planbot export`: a stored plan as it stands now (approved re-plans applied, current statuses),
 * as CSV for a spreadsheet, an iCalendar file for a calendar, or the canonical YAML to edit and
 * import again. Written to stdout, or to `--out`; progress goes to stderr so a pipe gets the file.
 */
export async function exportCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseExportArgs(argv);
  const [name] = positionals;
  if (name === undefined || positionals.length > 1)
    throw new PlanError('invalid_command', `planbot export takes one plan name.\n${EXPORT_USAGE}`);
  const format = formatOption(values.format);
  const workspace = values.workspace ? workspaceOption(values.workspace) : consoleWorkspace;
  if (values.url && (format !== 'ics' || values.out))
    throw new PlanError(
      'invalid_command',
      `--url prints the address of the plan's calendar: use it with --format ics and no --out.\n${EXPORT_USAGE}`,
    );
  const config = parseConfig(ctx.env, ctx.cwd);
  if (values.url && !config.calendar) throw new PlanError('config_invalid', NO_CALENDAR_FEEDS);
  const database = await openMigratedDatabase(config, ctx);
  try {
    const store = new PrismaPlanStore(database.prisma);
    const listed = choosePlan(await store.listPlans(workspace), name, `"${name}" (workspace ${workspace.name})`);
    if (values.url && config.calendar) {
      ctx.out(`${config.calendar.publicUrl}${calendarFeedPath(listed.id, config.calendar.secret)}`);
      ctx.err(FEED_NOTE);
      return EXIT.ok;
    }
    const view = PlanView.of(await store.loadPlanState(listed.id, listed.stamp));
    const text = render(format, view, ctx.clock.now());
    if (values.out) {
      await writeFile(resolve(ctx.cwd, values.out), text).catch((error: NodeJS.ErrnoException) => {
        throw new PlanError(
          'invalid_command',
          `--out ${values.out}: cannot write there (${error.code ?? error.message}); give a file in a folder that exists and you may write to.`,
        );
      });
      ctx.out(`Wrote "${view.state.plan.name}" (version ${view.state.plan.version}) as ${format} to ${values.out}.`);
    } else {
      // ctx.out ends the line itself; ICS keeps its CRLF endings.
      ctx.out(text.replace(/\n$/, ''));
    }
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

function render(format: Format, view: PlanView, now: Date): string {
  switch (format) {
    case 'csv':
      return tasksCsv(view);
    case 'ics':
      return planIcs(view, now);
    case 'yaml': {
      const { document, taskNotes } = currentPlanDocument(view, now);
      return planYaml(document, {
        header: [
          `"${view.state.plan.name}" version ${view.state.plan.version}, exported by planbot: current dates, statuses as comments.`,
          'Import it to re-baseline the plan (planbot import <this file>).',
        ],
        taskNotes,
      });
    }
  }
}

function formatOption(value: string | undefined): Format {
  if (value === undefined)
    throw new PlanError('invalid_command', `Say which format: --format csv, ics or yaml.\n${EXPORT_USAGE}`);
  const format = FORMATS.find((f) => f === value.toLowerCase());
  if (!format) throw new PlanError('invalid_command', `--format ${value}: expected csv, ics or yaml.\n${EXPORT_USAGE}`);
  return format;
}

function parseExportArgs(argv: string[]) {
  return commandArgs(
    argv,
    {
      format: { type: 'string' },
      out: { type: 'string' },
      workspace: { type: 'string' },
      url: { type: 'boolean' },
    },
    EXPORT_USAGE,
  );
}
