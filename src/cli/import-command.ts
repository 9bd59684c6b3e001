import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseConfig } from '../config.js';
import { MAX_PLAN_BYTES } from '../plans/plan-text-guard.js';
import { renderPlanPreview } from '../plans/plan-preview.js';
import { missingCadenceWarning, parseCadenceOption } from '../plans/cadence-option.js';
import { parseImport, storeImport, type ImportPlanRequest } from '../service/commands/import-plan.js';
import { PlanError } from '../domain/plan-error.js';
import { consoleWorkspace, type WorkspaceRef } from '../service/read-model/workspace-ref.js';
import { prismaPlanVersionStore } from '../store/prisma-plan-version-store.js';
import { commandArgs } from './command-args.js';
import { EXIT, type CliContext } from './cli-context.js';
import { openMigratedDatabase } from './open-configured-database.js';
import { varianceText } from './variance-text.js';
import { keptMovesText } from '../service/commands/kept-moves.js';
import { planYaml } from './plan-yaml.js';

const SILENT_PLAN =
  'This plan will never prompt anyone until it has a stand-up, a triage or an escalation ladder: re-import it with --cadence "standup 09:30 weekdays" or add rituals: to the document.';

export const IMPORT_USAGE =
  'Usage: planbot import <plan.md|plan.yaml|plan.json> [--start YYYY-MM-DD] [--name NAME] [--section HEADING] [--workspace slack:TEAM_ID|teams:TENANT_ID|NAME] [--channel CHANNEL_ID] [--cadence "standup 09:30 weekdays; triage 14:00 weekdays"] [--dry-run] [--out plan.yaml]';

/** `planbot import`: preview a plan document, optionally write its canonical YAML, and store it as a new version. */
export async function importCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseImportArgs(argv);
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) throw new PlanError('invalid_command', IMPORT_USAGE);
  const start = values.start;
  if (start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(start)) {
    throw new PlanError(
      'invalid_command',
      `--start ${start}: expected the plan's first day as YYYY-MM-DD, e.g. --start 2026-12-07`,
    );
  }
  // Storing needs the configuration; a bad DATABASE_URL should stop us before any work.
  const config = values['dry-run'] ? undefined : parseConfig(ctx.env, ctx.cwd);
  const path = resolve(ctx.cwd, file);
  const request: ImportPlanRequest = {
    text: await readPlanFile(path, file),
    file,
    ...(start ? { startDate: start } : {}),
    ...(values.name ? { planName: values.name } : {}),
    ...(values.section ? { section: values.section } : {}),
    ...(values.cadence !== undefined ? { cadence: parseCadenceOption(values.cadence) } : {}),
    workspace: values.workspace ? workspaceOption(values.workspace) : consoleWorkspace,
    ...(values.channel ? { channel: values.channel } : {}),
    importedBy: `cli:${ctx.env.USER ?? 'unknown'}`,
  };
  const now = ctx.clock.now();
  const parsed = parseImport(request, now);
  ctx.out(renderPlanPreview(parsed.snapshot.document, parsed.result.warnings, { unplaced: parsed.result.unplaced }));
  for (const move of parsed.snapshot.moves)
    ctx.out(`note: task ${move.taskKey} falls on a holiday (${move.from}); due ${move.to} instead`);

  if (values.out) {
    const out = resolve(ctx.cwd, values.out);
    await writeFile(out, planYaml(parsed.snapshot.document));
    ctx.out(`Wrote the canonical plan to ${values.out}; edit it and import that file to re-baseline.`);
  }
  if (!config) {
    ctx.out('Dry run: nothing stored.');
    return EXIT.ok;
  }
  const database = await openMigratedDatabase(config, ctx);
  try {
    const saved = await storeImport(prismaPlanVersionStore(database.prisma), request, parsed, now);
    ctx.out(`Stored "${parsed.snapshot.name}" as version ${saved.version} in ${database.description}.`);
    if (saved.variance) ctx.out(varianceText(saved.variance));
    const kept = keptMovesText(saved.kept);
    if (missingCadenceWarning(parsed.snapshot.document)) ctx.out(SILENT_PLAN);
    if (kept) ctx.out(`${kept[0]!.toUpperCase()}${kept.slice(1)}; the document did not change their dates.`);
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

function parseImportArgs(argv: string[]) {
  return commandArgs(
    argv,
    {
      start: { type: 'string' },
      name: { type: 'string' },
      section: { type: 'string' },
      workspace: { type: 'string' },
      channel: { type: 'string' },
      'dry-run': { type: 'boolean' },
      out: { type: 'string' },
      cadence: { type: 'string' },
    },
    IMPORT_USAGE,
  );
}

/** Size is checked before reading, so a huge file is refused without loading it. */
async function readPlanFile(path: string, shown: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new PlanError(
      'import_invalid',
      `${shown}: no such file. Check the path (it is relative to ${basename(process.cwd())}/).`,
      { file: shown },
    );
  }
  if (!info.isFile()) throw new PlanError('import_invalid', `${shown}: not a file.`, { file: shown });
  if (info.size > MAX_PLAN_BYTES) {
    throw new PlanError(
      'import_invalid',
      `${shown}: file is ${info.size} bytes; plans are limited to ${MAX_PLAN_BYTES} bytes (2 MB). Split the plan or remove attachments.`,
      { file: shown, line: 1 },
    );
  }
  return readFile(path, 'utf8');
}

/**
 * `--workspace slack:T0123` or `teams:<tenant id>` stores the plan for that chat workspace, so it
 * runs there (with `--channel` the Slack channel id or Teams channel conversation id); a plain
 * name is a console workspace.
 */
export function workspaceOption(value: string): WorkspaceRef {
  const match = /^(slack|teams):(.+)$/.exec(value);
  if (!match) return { platform: 'console', externalId: value, name: value };
  const [, platform, id] = match as unknown as [string, 'slack' | 'teams', string];
  const valid =
    platform === 'slack'
      ? /^[TE][A-Z0-9]{2,}$/.test(id)
      : /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  if (!valid) {
    throw new PlanError(
      'invalid_command',
      platform === 'slack'
        ? `--workspace ${value}: expected slack:<team id> like slack:T0123ABCD (the team id is in the workspace's URL or /plan help)`
        : `--workspace ${value}: expected teams:<tenant id>, a GUID (Azure portal → Microsoft Entra ID → Tenant ID)`,
    );
  }
  return { platform, externalId: id, name: id };
}
