import type { List, Paragraph, RootContent } from 'mdast';
import type { DocumentBlocks, HeadingInfo } from '../document-blocks.js';
import { lineOf, textOf } from '../markdown-tree.js';
import type { WhenContext, WhenMention } from '../when/when-text.js';
import type { HeadingFacts } from './heading-facts.js';
import { HeadingFactsCache } from './heading-facts.js';
import { readsAsAction } from './action-text.js';
import { readItemLine } from './item-line.js';
import type { RosterEntry } from './list-reader.js';
import { readList, rosterEntries } from './list-reader.js';
import { introducesNonWork, isAdvice, isBreak } from './non-task.js';
import type { OutlineSection } from './outline-sections.js';
import { outlineSections } from './outline-sections.js';
import { readScheduleTable, rosterTable } from './schedule-table.js';
import type { TaskCandidate } from './task-candidate.js';

export interface OutlineReading {
  tasks: TaskCandidate[];
  roster: RosterEntry[];
  milestones: { name: string; when: WhenMention[]; line: number }[];
  /** Blocks the reader took, so prose readers and the "not placed" list skip them. */
  used: Set<RootContent>;
}

/** How one document is being read: its date conventions, what other readers took, its section names. */
interface OutlineRead {
  when: WhenContext;
  skip: ReadonlySet<unknown>;
  headings: ReadonlySet<string>;
}

const CONTENT_INTRO = /\b(?:including|include|includes|the following|such as|consists? of|contains?)\s*$/i;
const TASKS_LABEL = /^(?:tasks?|to-?dos?|action items?|checklist|steps)\b/i;

/**
 * The reader for documents without a layout planbot was told about: it finds the unit of work
 * section by section, from what the text is rather than what the headers are called. A heading
 * with its own time and words is a task (its body the checklist); a heading that is only a time
 * ("### 30 Days", "## Day 2") dates what is under it; lists and schedule tables give a task per
 * item or row.
 */
export function readOutline(
  doc: DocumentBlocks,
  when: WhenContext,
  rituals: { headings: ReadonlySet<HeadingInfo>; items: ReadonlySet<unknown> },
): OutlineReading {
  const facts = new HeadingFactsCache(when);
  const headings = new Set(doc.headings.map((h) => h.text.toLowerCase().replace(/[:.]\s*$/, '')));
  const reading: OutlineReading = { tasks: [], roster: [], milestones: [], used: new Set() };
  for (const section of outlineSections(doc)) {
    const path = section.heading?.path.map((h) => facts.of(h)) ?? [];
    if (path.some((h) => h.reference || rituals.headings.has(h.info))) continue;
    const own = path[path.length - 1];
    const outer = path
      .slice(0, -1)
      .reverse()
      .flatMap((h) => h.when);
    // The document's title names the plan ("# Demo day 2027-05-20"); its date dates what is under it.
    const isTitle = own !== undefined && own.info === doc.headings[0] && own.info.depth === 1;
    if (own && !isTitle && own.when.length > 0 && own.title !== '' && !hasTimedItems(section, when)) {
      if (isBreak(own.title)) continue;
      reading.tasks.push(headingTask(own, outer, section, reading.used));
      continue;
    }
    if (own?.notWork === true) continue;
    const context = [...(own?.when ?? []), ...outer];
    readBlocks(section, own, context, { when, skip: rituals.items, headings }, reading);
  }
  return reading;
}

function headingTask(
  own: HeadingFacts,
  outer: WhenMention[],
  section: OutlineSection,
  used: Set<RootContent>,
): TaskCandidate {
  const checklist: string[] = [];
  for (const block of section.blocks) {
    if (block.node.type === 'list')
      checklist.push(...block.node.children.map((item) => textOf(item)).filter((t) => t !== ''));
    used.add(block.node);
  }
  return { title: own.title, line: own.info.line, when: own.when, context: outer, checklist };
}

/** Items or rows with their own time: then the heading above them is a group, not a task. */
function hasTimedItems(section: OutlineSection, when: WhenContext): boolean {
  return section.blocks.some((block) => {
    if (block.node.type === 'table') return true;
    if (block.node.type !== 'list') return false;
    return block.node.children.some((item) =>
      readItemLine(textOf(firstParagraph(item) ?? item), when).when.some(
        (m) => m.time !== undefined || m.offset !== undefined || m.date !== undefined,
      ),
    );
  });
}

function firstParagraph(node: RootContent): Paragraph | undefined {
  if (node.type === 'paragraph') return node;
  if ('children' in node) return node.children.find((c): c is Paragraph => c.type === 'paragraph');
  return undefined;
}

function readBlocks(
  section: OutlineSection,
  own: HeadingFacts | undefined,
  context: WhenMention[],
  read: OutlineRead,
  reading: OutlineReading,
): void {
  const { when } = read;
  let local = context;
  let label: { text: string; bold: boolean } | undefined;
  const procedures = new Set<TaskCandidate>();
  for (const block of section.blocks) {
    const node = block.node;
    if (node.type === 'paragraph') {
      if (read.skip.has(node)) {
        label = undefined;
        continue;
      }
      const text = textOf(node);
      const line = readItemLine(text, when);
      if (line.when.length > 0 && line.title.replace(/[^\p{L}]/gu, '').length <= 2) {
        // "**(T-3 weeks)**" or "***22/02/2023***" under a heading dates what follows it.
        local = [...line.when, ...context];
        reading.used.add(node);
        label = undefined;
        continue;
      }
      if (
        own &&
        own.title === '' &&
        own.when.some((m) => m.time !== undefined) &&
        block === section.blocks[0] &&
        !isBreak(text) &&
        text.length <= 200
      ) {
        // "### 11:30am - 12:50pm" over a single line: that line is the slot's activity.
        reading.tasks.push({
          title: text.replace(/^[*_\s]+|[*_\s]+$/g, ''),
          line: block.line,
          when: own.when,
          context: context.slice(own.when.length),
          checklist: [],
        });
        reading.used.add(node);
        continue;
      }
      if (!isLabel(node, text)) label = undefined;
      // A bold label keeps its place over a lead-in line ("**Requirements …**" / "a validator must").
      else if (!(label?.bold === true && !isBold(node)))
        label = { text: text.replace(/[:：,]\s*$/, '').trim(), bold: isBold(node) };
      continue;
    }
    if ((node.type === 'list' || node.type === 'table') && read.skip.has(node)) {
      label = undefined;
      continue;
    }
    if (node.type === 'list') {
      const previous = reading.tasks[reading.tasks.length - 1];
      if (node.ordered === true && (node.start ?? 1) > 1 && previous !== undefined && procedures.has(previous)) {
        // Numbered steps broken up by code blocks ("1." … ``` … "2.") are still one procedure.
        previous.checklist.push(...node.children.map((i) => textOf(i)));
        reading.used.add(node);
        continue;
      }
      const before = reading.tasks.length;
      readListBlock(node, own, local, label, read, reading);
      if (label?.bold === true && node.ordered === true && reading.tasks.length === before + 1)
        procedures.add(reading.tasks[before] as TaskCandidate);
      label = undefined;
      continue;
    }
    if (node.type === 'table') {
      const table = readScheduleTable(node, local, when);
      if (table) {
        reading.tasks.push(...table.tasks);
        reading.used.add(node);
      } else if (own?.roster) reading.roster.push(...rosterTable(node));
      label = undefined;
      continue;
    }
    label = undefined;
  }
}

/** "- Reading Goals / - Project Goals" naming the sections below: an overview, not tasks. */
function namesSections(list: List, headings: ReadonlySet<string>): boolean {
  const texts = list.children
    .map((item) =>
      textOf(firstParagraph(item) ?? item)
        .toLowerCase()
        .replace(/[:.]\s*$/, ''),
    )
    .filter((t) => t !== '');
  return texts.length >= 2 && texts.filter((t) => headings.has(t)).length / texts.length >= 0.6;
}

function readListBlock(
  list: List,
  own: HeadingFacts | undefined,
  context: WhenMention[],
  label: { text: string; bold: boolean } | undefined,
  read: OutlineRead,
  reading: OutlineReading,
): void {
  const { when } = read;
  if (label && introducesNonWork(label.text)) return;
  if (namesSections(list, read.headings)) return;
  const roster = rosterEntries(list, when);
  if (roster && (own?.roster === true || list.children.every((item) => isBold(firstParagraph(item), true)))) {
    reading.roster.push(...roster);
    reading.used.add(list);
    return;
  }
  if (label?.bold && list.ordered === true && !TASKS_LABEL.test(label.text) && !isAdvice(label.text)) {
    // "**Patching**" over numbered steps: one procedure, the steps its checklist.
    labelTask(label.text, list, context, when, reading);
    return;
  }
  if (label && CONTENT_INTRO.test(label.text) && !readsAsAction(label.text) && contentList(list, when)) {
    // "The sign-up form should include the following:" lists what a thing contains.
    reading.used.add(list);
    return;
  }
  if (
    label &&
    readsAsAction(label.text) &&
    !TASKS_LABEL.test(label.text) &&
    (CONTENT_INTRO.test(label.text) || label.text.split(/\s+/).length >= 4) &&
    contentList(list, when)
  ) {
    // "Add these details to the event page, including:" over things, not actions.
    labelTask(label.text, list, context, when, reading);
    return;
  }
  const got = readList(list, {
    context,
    when,
    skip: read.skip,
    ...(label && !TASKS_LABEL.test(label.text) ? { stream: label.text } : {}),
  });
  reading.tasks.push(...got.tasks);
  reading.milestones.push(...got.milestones);
  reading.used.add(list);
}

/** The label above a list is the task; the list is its checklist. */
function labelTask(text: string, list: List, context: WhenMention[], when: WhenContext, reading: OutlineReading): void {
  const line = readItemLine(text, when);
  reading.tasks.push({
    title: line.title || text,
    line: lineOf(list) - 1,
    when: line.when,
    context,
    checklist: list.children.map((i) => textOf(i)),
  });
  reading.used.add(list);
}

/** Items that are things, not actions, and carry no time of their own: the contents of something. */
function contentList(list: List, when: WhenContext): boolean {
  const column = list.children[0]?.position?.start.column;
  const texts = list.children
    .filter((item) => item.position?.start.column === column)
    .map((item) => textOf(firstParagraph(item) ?? item))
    .filter((t) => t !== '');
  if (texts.length === 0 || texts.some((t) => readItemLine(t, when).when.length > 0)) return false;
  return texts.filter((t) => !readsAsAction(t)).length / texts.length >= 0.6;
}

function isBold(paragraph: Paragraph | undefined, leadingOnly = false): boolean {
  const visible = paragraph?.children.filter((c) => !(c.type === 'text' && c.value.trim() === '')) ?? [];
  if (visible.length === 0) return false;
  return leadingOnly
    ? visible[0]?.type === 'strong'
    : visible.every((c) => c.type === 'strong' || c.type === 'emphasis');
}

/** A short line that introduces the list after it: "Communications:", "**Patching**", "… must". */
function isLabel(paragraph: Paragraph, text: string): boolean {
  if (text.length > 120) return false;
  return /[:：,]\s*$/.test(text) || isBold(paragraph) || !/[.!?)]\s*$/.test(text);
}
