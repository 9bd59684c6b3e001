import type { List, ListItem, Paragraph } from 'mdast';
import { lineOf, textOf } from '../markdown-tree.js';
import type { WhenContext, WhenMention } from '../when/when-text.js';
import { readsAsAction } from './action-text.js';
import { readItemLine } from './item-line.js';
import { looksLikeNames } from './name-text.js';
import { isAdvice, isBreak, isLabelledFact, isPlaceholder, isQuestion } from './non-task.js';
import type { TaskCandidate } from './task-candidate.js';

/** Where a list sits: the times of its section and the label written above it. */
export interface ListScope {
  context: WhenMention[];
  stream?: string;
  when: WhenContext;
  /** Items another reader took (a ritual's time slot). */
  skip?: ReadonlySet<unknown>;
}

export interface RosterEntry {
  name: string;
  title?: string;
  line: number;
}

export interface ListReading {
  tasks: TaskCandidate[];
  /** Labels of item groups that carry a time ("**Week 8** 10/21 - 10/27 **Report Due**"): milestones. */
  milestones: { name: string; when: WhenMention[]; line: number }[];
}

const PRIORITY = /,?\s*\bpriority\s*[:=]?\s*(\w{1,12})/i;
const EFFORT = /,?\s*\b(\d{1,3}(?:\.\d)?\s?(?:days?|hours?|hrs?|weeks?|points?|pts))\s*$/i;

function leadOf(item: ListItem): Paragraph | undefined {
  return item.children.find((c): c is Paragraph => c.type === 'paragraph');
}

/** Crossed out means dropped or moved: the struck line is not work to schedule. */
function isStruck(paragraph: Paragraph | undefined): boolean {
  if (!paragraph) return false;
  const visible = paragraph.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return visible.length > 0 && visible.every((c) => c.type === 'delete');
}

/** A table-of-contents entry: nothing but a link to a place in this document. */
function isAnchorLink(paragraph: Paragraph | undefined): boolean {
  const only = paragraph?.children.length === 1 ? paragraph.children[0] : undefined;
  return only?.type === 'link' && only.url.startsWith('#');
}

/**
 * "Communications:", "**Prepare**", "**Week 5** 9/30 - 10/6 **Design Doc Due**": a label over a
 * group of items. A dated item with sub-items is a group only when its dated siblings are too
 * (a list of weeks); otherwise it is a task whose sub-items are its checklist ("**T** - Tweet …").
 */
function isGroupLabel(
  paragraph: Paragraph | undefined,
  text: string,
  dated: boolean,
  titleWords: number,
  datedGroups: boolean,
): boolean {
  if (!paragraph) return false;
  if (/[:：]\s*$/.test(text)) return true;
  const visible = paragraph.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (visible.length > 0 && visible.every((c) => c.type === 'strong' || c.type === 'emphasis') && titleWords <= 5)
    return true;
  return dated && datedGroups;
}

function isDated(when: readonly WhenMention[]): boolean {
  return when.some(
    (m) =>
      m.date !== undefined ||
      m.monthDay !== undefined ||
      m.day !== undefined ||
      m.week !== undefined ||
      m.offset !== undefined ||
      m.time !== undefined,
  );
}

/** "Scheduling the meeting…", "Investigating…", "Updating…": a job description, not steps to schedule. */
function isDutyList(texts: readonly string[]): boolean {
  if (texts.length < 3) return false;
  return texts.filter((t) => /^[A-Z][a-z]{2,}ing\b/.test(t)).length / texts.length >= 0.6;
}

/** "Read these documents:" over a list of links: one task, the links its checklist. */
function onlyLinks(lists: readonly List[]): boolean {
  return lists.every((list) =>
    list.children.every((item) => {
      const lead = leadOf(item);
      return lead?.children.length === 1 && lead.children[0]?.type === 'link';
    }),
  );
}

function nestedLists(item: ListItem): List[] {
  return item.children.filter((c): c is List => c.type === 'list');
}

/** Items nested under a task: its checklist, flattened one level. */
function checklistOf(item: ListItem): string[] {
  return nestedLists(item)
    .flatMap((list) => list.children.map((sub) => textOf(leadOf(sub) ?? sub)))
    .filter((text) => text !== '');
}

/**
 * Reads one list: each item is a task, its nested items its checklist, unless the item is a
 * label over a group ("**Prepare**", "Communications:"), whose nested items are the tasks.
 * Items indented deeper than the list's first item were meant as sub-items, whatever the
 * Markdown parser made of them.
 */
export function readList(list: List, scope: ListScope): ListReading {
  // Each nested level is its own list; the action check runs per level.
  const reading: ListReading = { tasks: [], milestones: [] };
  const baseColumn = list.children[0]?.position?.start.column ?? 1;
  const leads = list.children.map((item) => ({ item, text: textOf(leadOf(item) ?? item) }));
  if (isDutyList(leads.map((l) => l.text))) return reading;
  const dated = leads.filter((l) => isDated(readItemLine(l.text, scope.when).when));
  const withItems = dated.filter((l) => nestedLists(l.item).length > 0).length;
  const datedGroups = withItems >= 2 && withItems * 2 >= dated.length;
  let last: TaskCandidate | undefined;
  const plain: TaskCandidate[] = [];
  for (const item of list.children) {
    const lead = leadOf(item);
    const text = textOf(lead ?? item);
    const column = item.position?.start.column ?? baseColumn;
    if (column > baseColumn && last !== undefined) {
      if (text !== '') last.checklist.push(text);
      continue;
    }
    if (scope.skip?.has(item) === true) continue;
    if (text === '' || isStruck(lead) || isAnchorLink(lead) || isPlaceholder(text)) continue;
    const line = readItemLine(text, scope.when);
    // "Kofi -": a name with nothing after it is an empty slot in a template.
    if (/[-–—:]\s*$/.test(text) && looksLikeNames(text.replace(/[-–—:]\s*$/, ''))) continue;
    const nested = nestedLists(item);
    const titleWords = line.title.split(/\s+/).filter((w) => w !== '').length;
    if (
      nested.length > 0 &&
      !onlyLinks(nested) &&
      isGroupLabel(lead, text, isDated(line.when), titleWords, datedGroups)
    ) {
      const label = line.title.replace(/[:：]\s*$/, '').trim();
      const inner = { ...scope, context: [...line.when, ...scope.context], ...(label === '' ? {} : { stream: label }) };
      if (line.when.length > 0 && label !== '')
        reading.milestones.push({ name: label, when: line.when, line: lineOf(item) });
      for (const sub of nested) {
        const got = readList(sub, inner);
        reading.tasks.push(...got.tasks);
        reading.milestones.push(...got.milestones);
      }
      last = undefined;
      continue;
    }
    if (
      line.title === '' ||
      isBreak(line.title) ||
      isAdvice(line.title) ||
      isQuestion(line.title) ||
      isLabelledFact(text)
    )
      continue;
    last = candidateFrom(line.title, line.owner, line.when, item, scope);
    reading.tasks.push(last);
    if (line.when.length === 0 && line.owner === undefined && item.checked !== true && item.checked !== false)
      plain.push(last);
  }
  dropNonActions(list, plain, reading.tasks);
  return reading;
}

/**
 * In a bulleted list written as actions ("Create…", "Confirm…", "Hire…"), the odd line that is a
 * thing or a remark ("Door signs", "Mugs are popular") is content or advice, not a
 * task; a bulleted list with no action at all ("There are two checks…", "Lisbon, Portugal")
 * states facts. Numbered, checkbox, timed and owned items are kept: their shape says "task".
 */
function dropNonActions(list: List, plain: readonly TaskCandidate[], tasks: TaskCandidate[]): void {
  if (list.ordered === true || plain.length < 2 || plain.length > 500) return;
  const actions = new Set(plain.filter((c) => readsAsAction(c.title)));
  // Mostly actions: the odd thing out is content. No action at all: a list of facts or places.
  const mostly = plain.length >= 4 && actions.size / plain.length >= 0.75;
  if (!mostly && actions.size > 0) return;
  for (const candidate of plain) if (!actions.has(candidate)) tasks.splice(tasks.indexOf(candidate), 1);
}

function candidateFrom(
  rawTitle: string,
  owner: string | undefined,
  when: WhenMention[],
  item: ListItem,
  scope: ListScope,
): TaskCandidate {
  let title = rawTitle.replace(/[:：]\s*$/, '');
  const priority = PRIORITY.exec(title)?.[1];
  if (priority !== undefined) title = title.replace(PRIORITY, '');
  const effort = EFFORT.exec(title)?.[1];
  if (effort !== undefined) title = title.replace(EFFORT, '');
  return {
    title: title.trim(),
    line: lineOf(item),
    when,
    context: scope.context,
    checklist: checklistOf(item),
    item,
    ...(item.checked === true || item.checked === false ? { checkbox: true } : {}),
    ...(owner === undefined ? {} : { owner }),
    ...(scope.stream === undefined ? {} : { stream: scope.stream }),
    ...(priority === undefined ? {} : { priority }),
    ...(effort === undefined ? {} : { effort }),
  };
}

/**
 * A list of people rather than work: every item starts with a name followed by what they do
 * ("Tomas Berg (lead) - UI/UX Design", "**Lucia Vega** - Advocate", "Sam Ito, @samito, Acme").
 */
export function rosterEntries(list: List, when: WhenContext): RosterEntry[] | undefined {
  const entries: RosterEntry[] = [];
  for (const item of list.children) {
    const text = textOf(leadOf(item) ?? item);
    if (text === '') continue;
    if (nestedLists(item).length > 0) return undefined;
    const line = readItemLine(text, when);
    if (line.when.length > 0) return undefined;
    const head = /^([^,(–—-]{2,60}?)\s*(?:\(([^()]{1,40})\))?\s*(?:[,:]|\s[-–—]\s|$)(.*)$/.exec(text);
    const name = head?.[1]?.trim() ?? '';
    if (!head || !looksLikeNames(name)) return undefined;
    const title = [head[2], head[3]]
      .map((t) => t?.replace(/^[\s,:–—-]+/, '').trim())
      .filter((t): t is string => t !== undefined && t !== '')
      .join(' - ');
    // A name alone ("**Prepare**") could be anything; a person comes with a role or a handle.
    if (title === '' && !/@[\w.-]+/.test(text)) return undefined;
    entries.push({ name, line: lineOf(item), ...(title === '' ? {} : { title }) });
  }
  return entries.length > 0 ? entries : undefined;
}
