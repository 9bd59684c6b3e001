import type { PlanLadderTier } from '../plan-schema.js';
import { PlanError } from '../../domain/plan-error.js';
import type { ImportResult } from '../plan-import-types.js';
import { assertPlanText } from '../plan-text-guard.js';
import { boundMarkup } from './markup-bounds.js';
import { documentSection } from './document-section.js';
import { readCadence } from './cadence-reader.js';
import { readScheduledChecklists } from './checklist-reader.js';
import { readDayTables } from './day-table-reader.js';
import { linkDependencies } from './dependency-linker.js';
import { collectBlocks } from './document-blocks.js';
import { readEscalationContacts } from './escalation-contacts-reader.js';
import { fillLadderDelays, readEscalationTiming } from './escalation-timing-reader.js';
import { ImportContext } from './import-context.js';
import type { DocumentBlocks } from './document-blocks.js';
import { parseMarkdown } from './markdown-tree.js';
import { readMilestones } from './milestone-reader.js';
import { readHolidays } from './holiday-reader.js';
import { assemblePlan } from './plan-assembly.js';
import { proseUnits } from './prose-text.js';
import { readRoleTasks } from './role-task-reader.js';
import { readRules } from './rules-reader.js';
import { readStreams } from './stream-reader.js';
import { readTeamRoster } from './team-roster-reader.js';
import { collectUnplaced } from './unplaced-collector.js';
import { readDocumentOutline, readOutlineRemainder } from './outline/read-document-outline.js';
import { readEscalationChain } from './outline/escalation-chain-reader.js';
import type { RitualDraft } from './cadence-reader.js';
import { whenContextOf } from './when/when-text.js';

export interface MarkdownImportOptions {
  /** Shown in errors and warnings; the text itself is passed in. */
  file: string;
  /** Day 1 of the plan (ISO date); needed to turn day numbers into dates. */
  startDate?: string;
  planName?: string;
  /** Today's date, to place a year nobody wrote ("Tuesday 10/29"). */
  today?: string;
  /** Import only the part of the document under this heading (a document holding several plans). */
  section?: string;
}

/**
 * Reads a plan written as Markdown. People come first (team leads, escalation contacts) so owner
 * cells can be matched against them; then tasks from every layout; then prose rules, which may
 * name those people. Anything unread is returned in `unplaced`.
 */
export function importMarkdown(text: string, options: MarkdownImportOptions): ImportResult {
  const { file } = options;
  assertPlanText(text, file);
  const whole = collectBlocks(parseMarkdown(boundMarkup(text, file)));
  const part = options.section === undefined ? undefined : documentSection(whole, options.section, file);
  const doc = part?.doc ?? whole;
  const ctx = new ImportContext(file);
  readTeamRoster(ctx, doc);
  readEscalationContacts(ctx, doc);
  readMilestones(ctx, doc);
  const when = {
    ...whenContextOf(text, options.startDate ?? options.today),
    startWeekday: startWeekdayOf(options.startDate),
  };
  // Before the task readers: a holidays table or list is not a schedule.
  readHolidays(ctx, doc, when, options.startDate ?? options.today);
  readDayTables(ctx, doc, options.startDate === undefined ? when.year : Number(options.startDate.slice(0, 4)));
  readScheduledChecklists(ctx, doc, readStreams(ctx, doc));
  readRoleTasks(ctx, doc);
  // A document in none of the layouts above is read by content, section by section.
  const byOutline = ctx.tasks.length === 0;
  const outlineRituals: RitualDraft[] = byOutline ? readDocumentOutline(ctx, doc, when) : [];
  placeInTitleWeek(ctx, doc);
  const units = proseUnits(doc.blocks, (node) => ctx.isConsumed(node));
  const rituals = mergeRituals(readCadence(ctx, doc, units), outlineRituals);
  if (
    ctx.tasks.length === 0 &&
    rituals.length === 0 &&
    ctx.milestones.length === 0 &&
    ctx.members.members.length === 0
  ) {
    throw new PlanError(
      'import_invalid',
      `${file}:1: not a plan document: found no tasks, dates, recurring meetings, people or escalation contacts`,
      {
        file,
        line: 1,
      },
    );
  }
  if (ctx.tasks.length === 0) ctx.warn(1, 'no tasks found: the plan has rituals, people or milestones only');
  const stated = byOutline ? readEscalationChain(ctx, doc) : new Set<PlanLadderTier>();
  readEscalationTiming(ctx, units, stated);
  fillLadderDelays(ctx, stated);
  readRules(ctx, units);
  // Last, so the prose readers have had their lines: checklists the layout readers left are tasks.
  if (!byOutline) readOutlineRemainder(ctx, doc, when);
  linkDependencies(ctx);
  collectUnplaced(ctx, doc);
  return assemblePlan(ctx, doc, rituals, {
    file,
    ...pick(options),
    ...(options.planName === undefined && part ? { planName: part.name } : {}),
  });
}

/**
 * "Marketing Division: Week 1 Execution Plan" whose tasks carry no day: the title is the only
 * date the plan gives, so they are week 1's work.
 */
function placeInTitleWeek(ctx: ImportContext, doc: DocumentBlocks): void {
  const title = doc.headings.find((h) => h.depth === 1)?.text ?? '';
  const weeks = [...title.matchAll(/\bweek\s(\d{1,2})\b/gi)];
  const week = weeks.length === 1 ? Number(weeks[0]?.[1]) : undefined;
  if (week === undefined || week < 1) return;
  const undated = ctx.tasks.filter(
    (t) => t.date === undefined && t.day === undefined && t.week === undefined && t.offset === undefined,
  );
  if (undated.length === 0 || undated.length < ctx.tasks.length) return;
  for (const task of undated) task.week = week;
  ctx.warn(
    doc.headings.find((h) => h.depth === 1)?.line ?? 1,
    `tasks name no day; the title says week ${week}, so they are due by the end of week ${week}`,
  );
}

/** Day 1's weekday; without a start date, day 1 will be a Monday (defaultStartDate). */
function startWeekdayOf(startDate: string | undefined): number {
  if (startDate === undefined) return 1;
  const day = new Date(`${startDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The outline reader and the cadence reader may both read the same line; keep one of each. */
function mergeRituals(cadence: readonly RitualDraft[], outline: readonly RitualDraft[]): RitualDraft[] {
  const seen = new Set(cadence.map((d) => `${d.ritual.localTime} ${d.ritual.days.join(',')}`));
  return [...cadence, ...outline.filter((d) => !seen.has(`${d.ritual.localTime} ${d.ritual.days.join(',')}`))];
}

function pick(options: MarkdownImportOptions): { startDate?: string; planName?: string } {
  return {
    ...(options.startDate === undefined ? {} : { startDate: options.startDate }),
    ...(options.planName === undefined ? {} : { planName: options.planName }),
  };
}
