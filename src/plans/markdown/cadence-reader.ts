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
  for (const unit of units) {
    const heading = sectionContext(unit.block.headings).ritual;
    const section = heading ? sections.get(heading) : undefined;
    const before = drafts.length;
    const labelKind = unit.label === undefined ? undefined : ritualWordIn(unit.label);
    for (const sentence of sentencesOf(unit.text)) {
      let lastKind: RitualKind | undefined;
      const clauses = clausesOf(sentence);
      clauses.forEach((clause, index) => {
        const times = timesIn(clause);
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
    if (drafts.length > before) ctx.consume(unit.node);
  }
  return dedupe(drafts);
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
