import type { List } from 'mdast';
import { slugify } from '../plan-keys.js';
import type { PlanMilestone } from '../plan-schema.js';
import type { Block, DocumentBlocks, HeadingInfo } from './document-blocks.js';
import { parseMilestoneTitle } from './heading-kinds.js';
import type { ImportContext } from './import-context.js';
import { labelledFields } from './labelled-fields.js';
import { textOf } from './markdown-tree.js';
import { parseDue } from './due-text.js';
import { sectionContext } from './section-context.js';

/**
 * Milestones, as a heading (`### Milestone 1: Beta Ready (End of Week 2)`) or a bold line, with
 * their gate criteria: the checklist items under them are gates, not tasks.
 */
export function readMilestones(ctx: ImportContext, doc: DocumentBlocks): void {
  const byHeading = new Map<HeadingInfo, PlanMilestone>();
  for (const heading of doc.headings) {
    if (heading.kind.kind !== 'milestone') continue;
    const milestone = createMilestone(ctx, heading.kind.name, heading.kind.due, heading.line);
    byHeading.set(heading, milestone);
  }
  // A bold "Milestone N: …" line opens a milestone that lasts until the next heading or prose.
  let open: { milestone: PlanMilestone; under: Block['headings'] } | undefined;
  for (const block of doc.blocks) {
    const context = sectionContext(block.headings);
    if (open && open.under !== block.headings) open = undefined;
    const current = open?.milestone ?? (context.milestone ? byHeading.get(context.milestone) : undefined);
    if (block.node.type === 'paragraph') {
      const text = textOf(block.node);
      const title = text.length <= 120 ? parseMilestoneTitle(text) : undefined;
      if (title) {
        open = { milestone: createMilestone(ctx, title.name, title.due, block.line), under: block.headings };
        ctx.consume(block.node);
        continue;
      }
      if (current && readMilestoneFields(current, block.node)) {
        ctx.consume(block.node);
        continue;
      }
      open = undefined;
      continue;
    }
    if (block.node.type === 'list' && current) {
      addGates(ctx, current, block.node);
      continue;
    }
    open = undefined;
  }
}

function createMilestone(ctx: ImportContext, name: string, dueText: string | undefined, line: number): PlanMilestone {
  // "Milestone Gate: End of Week 2": with no due in brackets, the name itself may say when.
  const due = parseDue(dueText) ?? (dueText === undefined ? parseDue(name) : undefined);
  if (dueText !== undefined && due === undefined) ctx.warn(line, `milestone '${name}': cannot read due '${dueText}'`);
  const milestone: PlanMilestone = {
    key: ctx.keys.unique(`milestone-${slugify(name)}`),
    name,
    gateCriteria: [],
    ...due,
  };
  ctx.milestones.push({ value: milestone, line });
  return milestone;
}

/** "Gate criteria:" labels and "**Due:** Day 10" lines; true when the paragraph was about the milestone. */
function readMilestoneFields(milestone: PlanMilestone, paragraph: Parameters<typeof labelledFields>[0]): boolean {
  const text = textOf(paragraph);
  if (/^(gate|exit|acceptance|success)?\s*criteria\s*:?$|^gates?\s*:?$/i.test(text)) return true;
  let used = false;
  for (const field of labelledFields(paragraph)) {
    if (/^(due|target|date|when)$/.test(field.label)) {
      Object.assign(milestone, parseDue(field.value) ?? {});
      used = true;
    } else if (/criteria|gates?$/.test(field.label) && field.value !== '') {
      milestone.gateCriteria.push(field.value);
      used = true;
    }
  }
  return used;
}

function addGates(ctx: ImportContext, milestone: PlanMilestone, list: List): void {
  for (const item of list.children) {
    const text = textOf(item);
    if (text !== '') milestone.gateCriteria.push(text);
    ctx.consume(item);
  }
}
