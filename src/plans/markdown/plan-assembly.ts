import { memberKey } from '../member-match.js';
import type { PlanPath } from '../plan-checks.js';
import type { ImportResult } from '../plan-import-types.js';
import { canonicalizeReferences } from '../plan-owners.js';
import type { Plan, PlanInput, PlanTask } from '../plan-schema.js';
import { validatePlan } from '../plan-validate.js';
import type { RitualDraft } from './cadence-reader.js';
import type { DocumentBlocks } from './document-blocks.js';
import type { DraftTask, ImportContext } from './import-context.js';
import { statedLength } from './plan-length.js';
import { lookupZone, seasonMismatch } from './zone-abbreviations.js';

export interface AssemblyOptions {
  file: string;
  startDate?: string;
  planName?: string;
}

const WORKING_DAYS = [1, 2, 3, 4, 5];

/** Turns what the readers gathered into a Plan and runs it through the same gate as YAML. */
export function assemblePlan(
  ctx: ImportContext,
  doc: DocumentBlocks,
  rituals: readonly RitualDraft[],
  options: AssemblyOptions,
): ImportResult {
  const timezone = planTimezone(ctx, rituals);
  const length = statedLength(doc);
  const derived = derivedLength(ctx);
  let lengthDays = length?.value ?? derived;
  if (length !== undefined && derived !== undefined && derived > length.value) {
    // Best effort: the tasks say the plan runs longer than its title; believe the tasks, say so.
    ctx.warn(
      length.line,
      `the heading says ${length.value} days but tasks run to day ${derived}; the plan is ${derived} days long`,
    );
    lengthDays = derived;
  }
  for (const draft of rituals) {
    if (draft.daysAssumed) {
      draft.ritual.days = WORKING_DAYS;
      ctx.warn(draft.line, `${draft.ritual.name ?? draft.ritual.kind} names no days; using working days Mon-Fri`);
    }
    draft.ritual.zone ??= timezone;
    const season = draft.zoneText === undefined ? undefined : lookupZone(draft.zoneText);
    if (season && options.startDate !== undefined && draft.zoneText !== undefined) {
      const mismatch = seasonMismatch(draft.zoneText, season, options.startDate, lengthDays ?? 1);
      if (mismatch) ctx.warn(draft.line, mismatch);
    }
  }
  const bufferDays = [...ctx.bufferDays.keys()].sort((a, b) => a - b);
  const candidate: PlanInput = {
    name:
      options.planName ??
      doc.headings.find((h) => h.depth === 1)?.text ??
      doc.frontMatterTitle ??
      baseName(options.file),
    timezone,
    ...(options.startDate === undefined ? {} : { startDate: options.startDate }),
    ...(lengthDays === undefined ? {} : { lengthDays }),
    workingDays: WORKING_DAYS,
    holidays: [...ctx.holidays.keys()].sort(),
    members: ctx.members.members.map((m) => ({ ...m, key: memberKey(m) })),
    tasks: ctx.tasks.map(toTask),
    milestones: ctx.milestones.map((m) => m.value),
    buffer: { days: bufferDays, ...(ctx.swapRule === undefined ? {} : { swapRule: ctx.swapRule }) },
    rituals: rituals.map((r) => r.ritual),
    ladder: ctx.ladder.map((t) => t.value),
    rules: {
      slipThresholdBusinessDays: ctx.slipThreshold?.value ?? 1,
      pushDependantsToBuffer: ctx.pushDependantsToBuffer?.value ?? false,
      ...(ctx.slipEscalatesTo ? { slipEscalatesTo: ctx.slipEscalatesTo.value } : {}),
      ...(ctx.rebaselineWhenCriticalSlips
        ? { rebaselineWhenCriticalSlips: ctx.rebaselineWhenCriticalSlips.value }
        : {}),
      ...(ctx.firstTierAt ? { firstTierAt: ctx.firstTierAt.value } : {}),
    },
  };
  const lineOf = (path: PlanPath): number => sourceLine(ctx, rituals, path, length?.line);
  const plan: Plan = canonicalizeReferences(validatePlan(candidate, options.file, lineOf));
  const warnings = [...new Map(ctx.warnings.map((w) => [`${w.line} ${w.message}`, w] as const)).values()];
  return { plan, warnings: warnings.sort((a, b) => a.line - b.line), unplaced: ctx.unplaced };
}

function planTimezone(ctx: ImportContext, rituals: readonly RitualDraft[]): string {
  if (ctx.timezone) return ctx.timezone.value.zone;
  const fromRitual = rituals.find((r) => r.ritual.zone !== undefined)?.ritual.zone;
  if (fromRitual !== undefined) return fromRitual;
  ctx.warn(1, 'no time zone found in the document; assumed UTC');
  return 'UTC';
}

function derivedLength(ctx: ImportContext): number | undefined {
  let last = 0;
  for (const task of ctx.tasks) {
    last = Math.max(last, (task.day ?? 0) + (task.durationDays ?? 1) - 1, (task.week ?? 0) * 7);
  }
  for (const day of ctx.bufferDays.keys()) last = Math.max(last, day);
  return last > 0 ? last : undefined;
}

function toTask(draft: DraftTask): PlanTask {
  const { line: _line, scope: _scope, number: _number, ...task } = draft;
  return task;
}

function sourceLine(
  ctx: ImportContext,
  rituals: readonly RitualDraft[],
  path: PlanPath,
  lengthLine: number | undefined,
): number {
  const [section, index] = path;
  const at = typeof index === 'number' ? index : -1;
  switch (section) {
    case 'tasks':
      return ctx.tasks[at]?.line ?? 1;
    case 'members': {
      const member = ctx.members.members[at];
      return (member && ctx.members.lines.get(member)) ?? 1;
    }
    case 'milestones':
      return ctx.milestones[at]?.line ?? 1;
    case 'rituals':
      return rituals[at]?.line ?? 1;
    case 'ladder':
      return ctx.ladder[at]?.line ?? 1;
    case 'buffer': {
      const day = [...ctx.bufferDays.keys()].sort((a, b) => a - b)[typeof path[2] === 'number' ? path[2] : -1];
      return (day === undefined ? undefined : ctx.bufferDays.get(day)) ?? 1;
    }
    case 'timezone':
      return ctx.timezone?.line ?? 1;
    case 'lengthDays':
      return lengthLine ?? 1;
    case 'rules':
      if (path[1] === 'firstTierAt') return ctx.firstTierAt?.line ?? 1;
      return ctx.slipEscalatesTo?.line ?? ctx.slipThreshold?.line ?? 1;
    default:
      return 1;
  }
}

function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '') || 'plan';
}
