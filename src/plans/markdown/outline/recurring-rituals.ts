import { clampText } from '../../../domain/text-clamp.js';
import type { PlanRitual, RitualKind } from '../../plan-schema.js';
import type { RitualDraft } from '../cadence-reader.js';
import type { DocumentBlocks, HeadingInfo } from '../document-blocks.js';
import { ritualWordIn } from '../heading-kinds.js';
import type { ImportContext } from '../import-context.js';
import { textOf } from '../markdown-tree.js';
import { sentencesOf } from '../prose-text.js';
import { weekdaysIn } from '../weekday-text.js';
import type { WhenContext } from '../when/when-text.js';
import { whenMentions } from '../when/when-text.js';
import { isReferenceSection } from './non-task.js';
import type { TaskCandidate } from './task-candidate.js';
import { placeWhen } from './task-candidate.js';

// Recurrence is what makes a ritual: a one-off timed event is a task, and "Hours: 09:00–18:00"
// is working hours. These are the ways people say "again and again".
const RECUR =
  /\b(?:daily|periodically|throughout the day|every ?day|each day|(?:every|each) (?:other |two |2 )?(?:week|month|(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?|weekly|bi-?weekly|fortnightly|monthly|(?:once|twice) (?:a|per) (?:week|day|month)|per week|(?:mon|tues|wednes|thurs|fri|satur|sun)days)\b/i;
const GATHERING =
  /\b(?:stand-?ups?|meetings?|calls?|syncs?|check-?ins?|retros?|retrospectives?|reviews?|demos?|updates?|reports?|memos?|triage|sessions?|catch-?ups?|huddles?|office hours|one-on-ones?|1:1s?|events?|nights?|hangouts?|planning|summary|summaries)\b/i;
const CADENCE_SECTION = /\b(?:cadence|rituals?|recurring|weekly|daily|meetings?|call times|ceremonies|rhythm)\b/i;
const RITUAL_ROW =
  /\b(?:stand-?ups?|post-?mortems?|retros?(?:pectives?)?|one-on-ones?|1:1s?|check-?ins?|syncs?|triage)\b/i;
const MEETING = /\b(?:meet|meeting|call|sync|stand-?up|check-?in|review|retro)s?\b/i;
export const DEFAULT_TIME = '09:00';

export interface RitualReading {
  drafts: RitualDraft[];
  /** Headings that are rituals: the outline reader does not read their bodies as tasks. */
  headings: Set<HeadingInfo>;
  /** List items that are only a ritual's slot ("- 5PM Pacific on Monday"): not tasks either. */
  items: Set<unknown>;
  /** Rituals the text gives no time for; the caller picks one and says so. */
  untimed: Set<RitualDraft>;
}

export function ritualKindOf(text: string): RitualKind {
  const word = ritualWordIn(text);
  if (word !== undefined) return word;
  if (/\b(?:update|report|burn-?down|status|memo)\b/i.test(text)) return 'weekly_memo';
  return 'sync';
}

/**
 * Rituals written as sections ("## Wrap-up, daily 4.40pm @ Zoom", "## Monday Intake, 10AM" in a
 * cadence document), as bullets under a recurring heading ("## Weekly Call Slots" / "- 5PM Pacific
 * on Monday"), and as sentences that say a gathering recurs ("Update this at least once per week").
 */
export function readRecurringRituals(ctx: ImportContext, doc: DocumentBlocks, when: WhenContext): RitualReading {
  const reading: RitualReading = { drafts: [], headings: new Set(), items: new Set(), untimed: new Set() };
  const cadenceDocument = doc.headings.some(
    (h) => RECUR.test(h.text) || (h.depth <= 2 && CADENCE_SECTION.test(h.text)),
  );
  for (const heading of doc.headings) {
    if (heading.path.some((h) => isReferenceSection(h.text))) continue;
    const mentions = whenMentions(heading.text, when);
    const time = mentions.find((m) => m.time !== undefined);
    const dated = mentions.some(
      (m) => m.date !== undefined || m.monthDay !== undefined || m.day !== undefined || m.offset !== undefined,
    );
    const weekdays = weekdaysIn(heading.text);
    const recurs = RECUR.test(heading.text) || (cadenceDocument && weekdays !== undefined);
    if (!time || dated || !recurs) continue;
    reading.headings.add(heading);
    reading.drafts.push(
      draft(ctx, nameOf(heading.text, time.index), heading.text, time.time, time.zone, weekdays, heading.line),
    );
  }
  for (const block of doc.blocks) {
    if (block.headings.some((h) => isReferenceSection(h.text) || reading.headings.has(h))) continue;
    const section = block.headings[block.headings.length - 1];
    const items =
      block.node.type === 'list' ? block.node.children : block.node.type === 'paragraph' ? [block.node] : [];
    for (const item of items) {
      const lead = item.type === 'listItem' ? (item.children[0] ?? item) : item;
      if (lead.type === 'paragraph' && lead.children.length === 1 && lead.children[0]?.type === 'link') continue;
      const text = textOf(lead);
      const underCadence = section !== undefined && block.node.type === 'list' && CADENCE_SECTION.test(section.text);
      for (const sentence of sentencesOf(text)) {
        const weekdays = weekdaysIn(sentence);
        const recurs = RECUR.test(sentence) && GATHERING.test(sentence);
        // The date parser is the costly step: only sentences that may be a ritual get it.
        if (!recurs && !(underCadence && weekdays !== undefined)) continue;
        const mentions = whenMentions(sentence, when);
        const time = mentions.find((m) => m.time !== undefined);
        const slot = underCadence && time !== undefined && weekdays !== undefined;
        if (!slot && !recurs) continue;
        if (mentions.some((m) => m.date !== undefined && !RECUR.test(sentence))) continue;
        const name = slot ? (section?.text ?? sentence) : sentence;
        if (slot || item.type === 'paragraph') reading.items.add(item);
        // "## Friday" over "- Weekly team demo at 4pm": the section names the day.
        const days = weekdays ?? (section === undefined ? undefined : weekdaysIn(section.text));
        const found = draft(ctx, name, sentence, time?.time, time?.zone, days, item.position?.start.line ?? block.line);
        reading.drafts.push(found);
        if (time === undefined) reading.untimed.add(found);
      }
    }
  }
  return reading;
}

/**
 * The same meeting at the same weekday and time in three or more weeks ("Meet on Saturday from
 * 12pm" in weeks 7, 8 and 9) is a weekly ritual as well as those dated meetings.
 */
export function ritualsFromRecurringMeetings(ctx: ImportContext, candidates: readonly TaskCandidate[]): RitualDraft[] {
  const groups = new Map<string, { candidate: TaskCandidate; time: string; weekday: number }[]>();
  for (const candidate of candidates) {
    const at = placeWhen(candidate);
    if (at.time === undefined || at.weekday === undefined || !MEETING.test(candidate.title)) continue;
    const words = candidate.title.toLowerCase().split(/\s+/).slice(0, 2).join(' ');
    const key = `${at.weekday} ${at.time} ${words}`;
    groups.set(key, [...(groups.get(key) ?? []), { candidate, time: at.time, weekday: at.weekday }]);
  }
  const drafts: RitualDraft[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (group.length < 3 || !first) continue;
    drafts.push(
      draft(
        ctx,
        first.candidate.title,
        `weekly ${first.candidate.title}`,
        first.time,
        undefined,
        [first.weekday],
        first.candidate.line,
      ),
    );
  }
  return drafts;
}

/**
 * A ritual that opens or closes every day of a run-of-show ("8:30 AM | Standups" in each day's
 * table) is one daily ritual, not a task per day. Takes those rows out of the candidates.
 */
export function ritualsFromRepeatedRows(ctx: ImportContext, candidates: TaskCandidate[]): RitualDraft[] {
  const groups = new Map<string, TaskCandidate[]>();
  for (const candidate of candidates) {
    if (!RITUAL_ROW.test(candidate.title) || placeWhen(candidate).time === undefined) continue;
    const key = candidate.title
      .toLowerCase()
      .replace(/\(.*?\)/g, '')
      .replace(/[^a-z]+/g, ' ')
      .trim();
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  const drafts: RitualDraft[] = [];
  for (const rows of groups.values()) {
    if (rows.length < 2) continue;
    const times = new Map<string, number>();
    for (const row of rows) {
      const time = placeWhen(row).time ?? DEFAULT_TIME;
      times.set(time, (times.get(time) ?? 0) + 1);
    }
    const time = [...times.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? DEFAULT_TIME;
    const first = rows[0];
    if (!first) continue;
    drafts.push(draft(ctx, first.title, first.title, time, undefined, undefined, first.line));
    for (const row of rows) candidates.splice(candidates.indexOf(row), 1);
  }
  return drafts;
}

function draft(
  ctx: ImportContext,
  name: string,
  text: string,
  time: string | undefined,
  zone: string | undefined,
  weekdays: number[] | undefined,
  line: number,
): RitualDraft {
  const kind = ritualKindOf(text);
  const daily = /\b(?:daily|every ?day|each day)\b/i.test(text);
  const weekly = !daily && RECUR.test(text);
  let days = weekdays;
  if (days === undefined && weekly) {
    days = [1];
    ctx.warn(line, `'${short(text)}' recurs but names no day; assumed Monday`);
  }
  if (/\b(?:every|each) (?:other|two|2) weeks?\b|bi-?weekly|fortnightly/i.test(text))
    ctx.warn(line, `'${short(text)}' runs every other week; planbot runs it weekly`);
  const ritual: PlanRitual = {
    kind,
    name: short(name),
    localTime: time ?? DEFAULT_TIME,
    days: days ?? [],
    questions: [],
    thread: false,
    dm: false,
    ...(zone === undefined ? {} : { zone }),
  };
  return { ritual, line, daysAssumed: days === undefined };
}

function nameOf(text: string, timeIndex: number): string {
  const before = text
    .slice(0, timeIndex)
    .replace(/[\s,:@(—–-]+$/, '')
    .replace(/,?\s*\b(?:daily|weekly|every \w+)\s*$/i, '')
    .trim();
  return before === '' ? text : before;
}

function short(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= 60 ? clean : clampText(clean, 58);
}
