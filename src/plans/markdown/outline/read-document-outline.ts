import { slugify } from '../../plan-keys.js';
import type { PlanMilestone } from '../../plan-schema.js';
import type { RitualDraft } from '../cadence-reader.js';
import type { DocumentBlocks } from '../document-blocks.js';
import type { ImportContext } from '../import-context.js';
import type { WhenContext } from '../when/when-text.js';
import { whenMentions } from '../when/when-text.js';
import { textOf } from '../markdown-tree.js';
import { lookupZone } from '../zone-abbreviations.js';
import { addOutlineTasks } from './outline-tasks.js';
import { readOutline } from './outline-reader.js';
import {
  DEFAULT_TIME,
  readRecurringRituals,
  ritualsFromRecurringMeetings,
  ritualsFromRepeatedRows,
} from './recurring-rituals.js';
import type { TaskCandidate } from './task-candidate.js';
import { placeWhen } from './task-candidate.js';

/**
 * Reads a document none of the layout readers recognised: rituals first (their sections are not
 * tasks), then the outline's tasks, people and dated groups. Returns the rituals it found.
 */
export function readDocumentOutline(ctx: ImportContext, doc: DocumentBlocks, when: WhenContext): RitualDraft[] {
  const rituals = readRecurringRituals(ctx, doc, when);
  // What the layout readers already took (escalation contacts, a team roster) is not read twice.
  const reading = readOutline(doc, when, {
    headings: rituals.headings,
    items: new Set<unknown>([...rituals.items, ...ctx.consumed]),
  });
  const fromRows = [
    ...ritualsFromRepeatedRows(ctx, reading.tasks),
    ...ritualsFromRecurringMeetings(ctx, reading.tasks),
  ];
  timeUntimedRituals(ctx, rituals.untimed, reading.tasks);
  for (const person of reading.roster)
    ctx.members.declare(person.name, person.title === undefined ? {} : { title: person.title }, person.line);
  readZoneStatement(ctx, doc);
  addOutlineTasks(ctx, reading.tasks, when, eventDateOf(doc, when));
  warnAlternativeSchedules(ctx, doc);
  for (const group of reading.milestones) {
    const at = placeWhen({ when: group.when, context: [] });
    const milestone: PlanMilestone = {
      key: ctx.keys.unique(slugify(group.name, 'milestone')),
      name: group.name,
      gateCriteria: [],
    };
    if (at.date !== undefined) milestone.dueDate = at.date;
    else if (at.day !== undefined) milestone.dueDay = at.day;
    else if (at.week !== undefined) milestone.dueWeek = at.week;
    else continue;
    ctx.milestones.push({ value: milestone, line: group.line });
  }
  for (const node of reading.used) {
    ctx.consume(node);
    // Prose readers look at list items one by one; a list the outline read is read whole.
    if (node.type === 'list') node.children.forEach((item) => ctx.consume(item));
  }
  return [...rituals.drafts, ...fromRows];
}

/**
 * After the layout and prose readers: checkbox items they left unread ("- [ ] Submit to App
 * Store — Priya — Feb 1" under a "Phase 2" heading) are still tasks. Plain bullets stay in
 * "Not placed": in a layout document they are usually notes or rules.
 */
export function readOutlineRemainder(ctx: ImportContext, doc: DocumentBlocks, when: WhenContext): void {
  const reading = readOutline(doc, when, { headings: new Set(), items: new Set<unknown>(ctx.consumed) });
  const strong = reading.tasks.filter((c) => c.item !== undefined && !ctx.isConsumed(c.item) && c.checkbox === true);
  if (strong.length === 0) return;
  addOutlineTasks(ctx, strong, when);
  for (const c of strong) if (c.item) ctx.consume(c.item);
}

/**
 * "All times CET", "All Times Pacific (PDT)", "All times are EDT": the zone a document states
 * for its times, when no "Time zone:" line did.
 */
function readZoneStatement(ctx: ImportContext, doc: DocumentBlocks): void {
  if (ctx.timezone !== undefined) return;
  for (const block of doc.blocks) {
    if (block.node.type !== 'paragraph') continue;
    const text = textOf(block.node);
    const lead = /\b(?:all times|times are|times in|time zone|timezone)\b/i.exec(text);
    if (!lead) continue;
    const token = /\b([A-Z]{2,5}|Pacific|Eastern|Central|Mountain|[A-Z][a-z]+\/[A-Za-z_]+)\b/.exec(
      text.slice(lead.index + lead[0].length, lead.index + lead[0].length + 30),
    )?.[1];
    const zone = token === undefined ? undefined : lookupZone(token);
    if (zone) {
      ctx.timezone = { value: { zone: zone.zone, written: token ?? zone.zone }, line: block.line };
      return;
    }
  }
}

/**
 * A one-day event whose headings or preamble name a single date ("### Event Date:- 3rd May 2027"):
 * every activity of the run-of-show that names no day of its own is on that date.
 */
function eventDateOf(doc: DocumentBlocks, when: WhenContext): string | undefined {
  const dates = new Set<string>();
  const texts = [
    ...doc.headings.map((h) => h.text),
    ...doc.blocks.filter((b) => b.node.type === 'paragraph').map((b) => textOf(b.node)),
  ];
  for (const text of texts) {
    for (const m of whenMentions(text, when)) {
      if (m.date !== undefined) dates.add(m.date);
      if (m.dateTo !== undefined && m.dateTo !== m.date) dates.add(m.dateTo);
    }
  }
  return dates.size === 1 ? [...dates][0] : undefined;
}

/**
 * "Game Night is a weekly event" with its run-of-show below ("8:00 PM - Kickoff"): the ritual
 * starts when its first activity does. Otherwise it is a guess, and the preview says so.
 */
function timeUntimedRituals(
  ctx: ImportContext,
  untimed: ReadonlySet<RitualDraft>,
  tasks: readonly TaskCandidate[],
): void {
  const show = tasks
    .map((t) => placeWhen(t))
    .find(
      (at) =>
        at.time !== undefined &&
        at.date === undefined &&
        at.day === undefined &&
        at.week === undefined &&
        at.offset === undefined,
    );
  for (const draft of untimed) {
    const name = draft.ritual.name ?? draft.ritual.kind;
    if (show?.time !== undefined) {
      draft.ritual.localTime = show.time;
      ctx.warn(draft.line, `'${name}' gives no time; it starts with its first scheduled activity at ${show.time}`);
    } else ctx.warn(draft.line, `'${name}' gives no time; assumed ${DEFAULT_TIME}`);
  }
}

/**
 * "## Lab Days" and "## Build Days", each a timed run-of-show with no day of its own, are
 * two ways a day can go, not one plan: the preview says so and how to import each.
 */
function warnAlternativeSchedules(ctx: ImportContext, doc: DocumentBlocks): void {
  const undatedTimed = ctx.tasks.filter(
    (t) =>
      t.time !== undefined &&
      t.date === undefined &&
      t.day === undefined &&
      t.week === undefined &&
      t.offset === undefined,
  );
  if (undatedTimed.length === 0) return;
  const sections = doc.headings.map((h, i) => {
    const end = doc.headings.slice(i + 1).find((n) => n.depth <= h.depth)?.line ?? Infinity;
    return { heading: h, count: undatedTimed.filter((t) => t.line > h.line && t.line < end).length };
  });
  const parents = new Map<unknown, typeof sections>();
  for (const s of sections) {
    if (s.count < 3) continue;
    const parent = s.heading.path[s.heading.path.length - 2]?.node;
    parents.set(parent, [...(parents.get(parent) ?? []), s]);
  }
  for (const siblings of parents.values()) {
    const same = siblings.filter((s) => s.heading.depth === siblings[0]?.heading.depth);
    if (same.length < 2) continue;
    const names = same.map((s) => `"${s.heading.text}"`).join(', ');
    ctx.warn(
      same[0]?.heading.line ?? 1,
      `${names} are separate schedules with no day of their own, read here as one plan; import one at a time with --section, e.g. --section ${same[0] ? `"${same[0].heading.text}"` : ''}`,
    );
  }
}
