import type { List } from 'mdast';
import { slugify } from '../plan-keys.js';
import type { Block, DocumentBlocks, HeadingInfo } from './document-blocks.js';
import type { DraftTask, ImportContext } from './import-context.js';
import { lineOf, textOf } from './markdown-tree.js';
import type { SectionContext } from './section-context.js';
import { sectionContext } from './section-context.js';
import type { StreamInfo } from './stream-reader.js';
import { hasCheckboxes, readItemText } from './task-item.js';
import { ownerForGroup } from './team-owner.js';

const DELIVERABLES_LABEL = /^(?:week\s+(\d{1,3})\s+)?(?:key\s+)?(deliverables|outputs|exit criteria)\s*:?$/i;

/**
 * Week sections (`## Week 3` / `### Days 15-21` / `#### Team`) and stream weeks (`#### Week 2`
 * under `### Stream 1`): each `- [ ]` item is a task; "Week N Deliverables:" lists become
 * milestones due at the end of that week.
 */
export function readScheduledChecklists(
  ctx: ImportContext,
  doc: DocumentBlocks,
  streams: Map<HeadingInfo, StreamInfo>,
): void {
  const owners = new Map<string, string | undefined>();
  let deliverables: { week: number | undefined; line: number } | undefined;
  for (const block of doc.blocks) {
    const context = sectionContext(block.headings);
    if (context.milestone || context.task || context.role) {
      deliverables = undefined;
      continue;
    }
    if (block.node.type === 'paragraph') {
      const label = DELIVERABLES_LABEL.exec(textOf(block.node));
      deliverables = label
        ? { week: label[1] === undefined ? context.week : Number(label[1]), line: block.line }
        : undefined;
      if (label) ctx.consume(block.node);
      continue;
    }
    if (block.node.type !== 'list') {
      deliverables = undefined;
      continue;
    }
    if (deliverables) {
      addDeliverables(ctx, block.node, deliverables.week, deliverables.line);
      deliverables = undefined;
      continue;
    }
    if (context.week === undefined && context.days === undefined) continue;
    readList(ctx, block, block.node, context, streams, owners);
  }
}

function readList(
  ctx: ImportContext,
  block: Block,
  list: List,
  context: SectionContext,
  streams: Map<HeadingInfo, StreamInfo>,
  owners: Map<string, string | undefined>,
): void {
  const checkboxes = hasCheckboxes(list);
  if (!checkboxes && context.group === undefined && context.stream === undefined) return;
  if (!checkboxes) ctx.warn(block.line, 'plain list in a scheduled section read as tasks');
  const stream = context.stream ? streams.get(context.stream) : undefined;
  const owner = stream ? stream.owner : ownerForGroup(ctx, context.group, owners);
  const streamName = stream?.name ?? context.group?.text;
  const prefix = [
    stream ? slugify(stream.name) : '',
    context.week === undefined ? `d${context.days?.from ?? ''}` : `w${context.week}`,
  ]
    .filter((p) => p !== '')
    .join('-');
  for (const item of list.children) {
    if (ctx.isConsumed(item) || (checkboxes && item.checked !== true && item.checked !== false)) continue;
    const text = readItemText(item);
    if (text.title === '') continue;
    const line = lineOf(item);
    const task: DraftTask = {
      key: ctx.keys.unique(`${prefix}-${slugify(text.title, 'task')}`.slice(0, 80).replace(/-+$/, '')),
      title: text.title,
      line,
      dependsOn: [],
      dependencies: [],
      checklist: text.checklist,
      critical: text.critical,
      buffer: false,
    };
    if (context.week !== undefined) task.week = context.week;
    else if (context.days !== undefined) {
      task.day = context.days.from;
      if (context.days.to > context.days.from) task.durationDays = context.days.to - context.days.from + 1;
    }
    if (owner !== undefined) task.owner = owner;
    if (streamName !== undefined) task.stream = streamName;
    const priority = text.priority ?? stream?.priority;
    if (priority !== undefined) task.priority = priority;
    ctx.addTask(task);
    ctx.consume(item);
  }
}

function addDeliverables(ctx: ImportContext, list: List, week: number | undefined, line: number): void {
  const criteria = list.children.map((item) => textOf(item)).filter((text) => text !== '');
  list.children.forEach((item) => ctx.consume(item));
  const name = week === undefined ? 'Deliverables' : `Week ${week} Deliverables`;
  ctx.milestones.push({
    value: {
      key: ctx.keys.unique(slugify(name)),
      name,
      gateCriteria: criteria,
      ...(week === undefined ? {} : { dueWeek: week, dueDay: week * 7 }),
    },
    line,
  });
}
