import { PlanError } from '../../domain/plan-error.js';
import type { PlanRitual, RitualKind } from '../plan-schema.js';
import type { DocumentBlocks, HeadingInfo } from './document-blocks.js';
import { ritualWordIn } from './heading-kinds.js';
import type { ImportContext } from './import-context.js';
import type { ProseUnit } from './prose-text.js';
import { clausesOf, sentencesOf } from './prose-text.js';
import { sectionContext } from './section-context.js';
import type { TimeMention } from './time-of-day.js';
import { timesIn } from './time-of-day.js';
import { weekdaysIn } from './weekday-text.js';
import { readRitualSections } from './ritual-section.js';
import { isDigestTime, standupProseIn, type StandupProse } from './standup-prose.js';

/** A ritual read from the document, with what the assembler still needs to finish it. */
export interface RitualDraft {
  ritual: PlanRitual;
  line: number;
  /** The zone as written, for the PST-in-summer check. */
  zoneText?: string;
  /** Days were not written; the working days are assumed. */
  daysAssumed: boolean;
}

/**
 * Communication cadence from prose ("Daily stand-up (09:00 PT), weekend async check-in (11:00 PT
 * via Slack thread), and blocker triage windows at 14:00 PT on weekdays") and from ritual
 * sections ("### Daily Standups" with "Time: 9:30 AM PST").
 */
export function readCadence(ctx: ImportContext, doc: DocumentBlocks, units: readonly ProseUnit[]): RitualDraft[] {
  const sections = readRitualSections(ctx, doc);
  const drafts: RitualDraft[] = [];
  // Stand-up settings written apart from the stand-up's time ("Everyone posts an update in the stand-up thread.").
  const aside: StandupProse = {};
  for (const unit of units) {
    const heading = sectionContext(unit.block.headings).ritual;
    const section = heading ? sections.get(heading) : undefined;
    const before = drafts.length;
    const labelKind = unit.label === undefined ? undefined : ritualWordIn(unit.label);
    for (const sentence of sentencesOf(unit.text)) {
      let lastKind: RitualKind | undefined;
      const clauses = clausesOf(sentence);
      clauses.forEach((clause, index) => {
        // "a digest of the answers at 11:00" gives the stand-up's digest time, not another ritual.
        const times = timesIn(clause).filter((time) => !isDigestTime(clause, time.index));
        const kind =
          ritualWordIn(clause) ?? (times.length > 0 ? (lastKind ?? labelKind ?? headingKind(heading)) : undefined);
        if (kind !== undefined) lastKind = kind;
        if (kind === undefined) return;
        const detail = withTrailingClauses(clauses, index);
        for (const time of times) {
          const fallbackZone = timesIn(sentence).find((t) => t.zone !== undefined);
          drafts.push(draftFrom(ctx, kind, time, fallbackZone, clause, detail, unit.line, section));
        }
      });
    }
    const prose = standupProseIn(unit.text);
    const standups = drafts.slice(before).filter((d) => d.ritual.kind === 'standup');
    if (Object.keys(prose).length > 0) {
      // Said beside a stand-up's time it is that stand-up's; said on its own about stand-ups, every one's.
      if (standups.length > 0) for (const draft of standups) Object.assign(draft.ritual, prose);
      else if (ritualWordIn(unit.text) === 'standup' || headingKind(heading) === 'standup') {
        Object.assign(aside, prose);
        ctx.consume(unit.node);
      }
    }
    if (drafts.length > before) ctx.consume(unit.node);
  }
  for (const draft of drafts)
    if (draft.ritual.kind === 'standup') settle(ctx, draft, { ...aside, ...standupProseOf(draft.ritual) });
  return dedupe(drafts);
}

/** Gives a stand-up draft its prose settings, leaving out (with a warning) a digest time before the stand-up. */
function settle(ctx: ImportContext, draft: RitualDraft, prose: StandupProse): void {
  const { digestAt, digestAfter, ...rest } = prose;
  delete draft.ritual.digestAt;
  delete draft.ritual.digestAfter;
  Object.assign(draft.ritual, rest);
  if (digestAfter !== undefined) draft.ritual.digestAfter = digestAfter;
  else if (digestAt !== undefined && digestAt > draft.ritual.localTime) draft.ritual.digestAt = digestAt;
  else if (digestAt !== undefined)
    ctx.warn(
      draft.line,
      `the stand-up digest at ${digestAt} would come before the ${draft.ritual.localTime} stand-up; no digest is posted (write a later time)`,
    );
}

/** The prose settings a stand-up draft already has (its own sentence wins over a separate one). */
function standupProseOf(ritual: PlanRitual): StandupProse {
  const { ask, remindAfter, digestAt, digestAfter } = ritual;
  return {
    ...(ask ? { ask } : {}),
    ...(remindAfter ? { remindAfter } : {}),
    ...(digestAt ? { digestAt } : {}),
    ...(digestAfter ? { digestAfter } : {}),
  };
}

function headingKind(heading: HeadingInfo | undefined): RitualKind | undefined {
  return heading?.kind.kind === 'ritual' ? heading.kind.ritual : undefined;
}

function draftFrom(
  ctx: ImportContext,
  kind: RitualKind,
  time: TimeMention,
  fallback: TimeMention | undefined,
  clause: string,
  detail: string,
  line: number,
  section: { days?: number[]; channel?: string; questions: string[]; thread?: boolean; name?: string } | undefined,
): RitualDraft {
  if (time.unknownZone !== undefined) {
    throw new PlanError(
      'import_invalid',
      `${ctx.file}:${line}: unknown time zone '${time.unknownZone}' in '${clause}'`,
      {
        file: ctx.file,
        line,
      },
    );
  }
  const written = weekdaysIn(detail) ?? section?.days ?? (kind === 'weekend_checkin' ? [6, 7] : undefined);
  const ritual: PlanRitual = {
    kind,
    localTime: time.localTime,
    days: written ?? [],
    questions: section?.questions ?? [],
    thread: /\bthread/i.test(detail) || section?.thread === true,
    // "stand-up 09:00 PT by DM": each owner gets their own prompt.
    dm: kind === 'standup' && /\b(?:by|via|in|as)\s+(?:a\s+)?(?:DMs?|direct messages?)\b/i.test(detail),
  };
  const zone = time.zone ?? fallback?.zone;
  if (zone !== undefined) ritual.zone = zone;
  const channel = /(?:^|[\s`(])(#[\w-]+)/.exec(detail)?.[1] ?? section?.channel;
  if (channel !== undefined) ritual.channel = channel;
  const name = section?.name ?? ritualName(clause.slice(0, time.index));
  if (name !== '' && name.length <= 60) ritual.name = name;
  const zoneText = time.zoneText ?? fallback?.zoneText;
  return { ritual, line, daysAssumed: written === undefined, ...(zoneText === undefined ? {} : { zoneText }) };
}

function dedupe(drafts: readonly RitualDraft[]): RitualDraft[] {
  const seen = new Set<string>();
  return drafts.filter((draft) => {
    const id = `${draft.ritual.kind} ${draft.ritual.localTime} ${draft.ritual.zone ?? ''} ${draft.ritual.days.join(',')}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** "Daily Standups — Time:" → "Daily Standups": the words before the time, minus connectors. */
function ritualName(text: string): string {
  return text
    .replace(/[\s(:—–-]+$/, '')
    .replace(/\s*[—–-]?\s*(time|at|@|on)$/i, '')
    .replace(/[\s(:—–-]+$/, '')
    .trim();
}

/** A clause plus the ones after it that add detail ("in #x", "as a thread") until the next ritual. */
function withTrailingClauses(clauses: readonly string[], index: number): string {
  const parts = [clauses[index] ?? ''];
  for (const next of clauses.slice(index + 1)) {
    if (timesIn(next).length > 0 || ritualWordIn(next) !== undefined) break;
    parts.push(next);
  }
  return parts.join(', ');
}
