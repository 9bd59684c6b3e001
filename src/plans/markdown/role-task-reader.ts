import type { List } from 'mdast';
import { slugify } from '../plan-keys.js';
import type { DocumentBlocks, HeadingInfo } from './document-blocks.js';
import type { DraftTask, ImportContext } from './import-context.js';
import { labelledFields, leadParagraph } from './labelled-fields.js';
import { textOf } from './markdown-tree.js';
import { parseDayCell } from './day-cell.js';
import { durationDays } from './duration-text.js';
import { isEmptyCell } from './cell-text.js';
import { sectionContext } from './section-context.js';
import { splitOwnerText } from '../member-match.js';

const LIST_LABELS = /^(steps|checklist|subtasks|tasks|acceptance criteria|dependencies|depends on)$/;

/**
 * Role sections (`### Role: Data Engineer`) holding `#### Task 2: Title (P1)` with bold-labelled
 * fields. The role is the owner unless the task names one.
 */
export function readRoleTasks(ctx: ImportContext, doc: DocumentBlocks): void {
  const drafts = new Map<HeadingInfo, DraftTask>();
  for (const heading of doc.headings) {
    if (heading.kind.kind !== 'task') continue;
    const role = sectionContext(heading.path).role;
    drafts.set(heading, createTask(ctx, heading, role));
  }
  let listFor: string | undefined;
  for (const block of doc.blocks) {
    const taskHeading = sectionContext(block.headings).task;
    const task = taskHeading ? drafts.get(taskHeading) : undefined;
    if (!task) continue;
    if (block.node.type === 'list') {
      readList(ctx, task, block.node, listFor);
      listFor = undefined;
      continue;
    }
    listFor = undefined;
    if (block.node.type !== 'paragraph') continue;
    const fields = labelledFields(block.node);
    if (fields.length === 0) {
      task.description = [task.description, textOf(block.node)].filter(Boolean).join(' ');
      ctx.consume(block.node);
      continue;
    }
    for (const field of fields) {
      if (field.value === '' && LIST_LABELS.test(field.label)) listFor = field.label;
      else applyField(ctx, task, field.label, field.value, field.line);
    }
    ctx.consume(block.node);
  }
  for (const task of drafts.values()) ctx.addTask(task);
}

function createTask(ctx: ImportContext, heading: HeadingInfo, role: HeadingInfo | undefined): DraftTask {
  if (heading.kind.kind !== 'task') throw new Error('not a task heading');
  const roleName = role?.kind.kind === 'role' ? role.kind.role : undefined;
  const key = slugify(`${roleName ?? ''} task ${heading.kind.number}`);
  ctx.keys.claim(key);
  const task: DraftTask = {
    key,
    title: heading.kind.title,
    line: heading.line,
    number: heading.kind.number,
    dependsOn: [],
    dependencies: [],
    checklist: [],
    critical: /critical[- ]path/i.test(heading.text),
    buffer: false,
  };
  if (heading.kind.priority !== undefined) task.priority = heading.kind.priority.toUpperCase();
  if (roleName !== undefined && role) {
    const { name, title } = personOfRole(roleName);
    task.owner = ctx.members.declare(name, title === undefined ? {} : { title }, role.line).key ?? name;
    task.stream = roleName;
    task.scope = roleName;
  }
  return task;
}

// Job words: "Content Lead (Maya Chen)" names the person in brackets, "Maya Chen (Content Lead)" outside.
const JOB =
  /\b(?:lead|manager|designer|engineer|owner|director|head|analyst|developer|specialist|coordinator|officer|writer|architect|admin|marketer|strategist|producer|researcher|scientist)s?\b/i;

/** The person a role heading names, whichever side of the brackets they are written on. */
function personOfRole(text: string): { name: string; title?: string } {
  const split = splitOwnerText(text);
  if (split.title !== undefined && JOB.test(split.name) && !JOB.test(split.title))
    return { name: split.title, title: split.name };
  return split;
}

function applyField(ctx: ImportContext, task: DraftTask, label: string, value: string, line: number): void {
  if (isEmptyCell(value)) return;
  if (/^(owner|dri|assignee|who)$/.test(label)) {
    const owner = ctx.members.owner(value, line);
    if (owner !== undefined) task.owner = owner;
  } else if (/^(description|summary|goal|objective)$/.test(label)) task.description = value;
  else if (/^(duration|effort|estimate|time)$/.test(label)) {
    task.effort = value;
    const days = durationDays(value);
    if (days !== undefined) task.durationDays = days;
  } else if (/^(dependencies|depends on|dependency|blocked by|prerequisites)$/.test(label)) {
    task.dependencies.push(...value.split(/[;,]\s*/).filter((part) => !isEmptyCell(part)));
  } else if (/^(deliverables?|output|outcome)$/.test(label)) task.deliverable = value;
  else if (/^priority$/.test(label)) task.priority = value;
  else if (/^(day|days|week|date|when|due|scheduled)$/.test(label)) {
    const unit = label === 'week' ? 'week' : label === 'date' ? 'date' : 'day';
    const when = parseDayCell(value, unit);
    if (when?.kind === 'day') task.day = when.day;
    else if (when?.kind === 'week') task.week = when.week;
    else if (when?.kind === 'date') task.date = when.date;
    else ctx.warn(line, `task '${task.title}': cannot read ${label} '${value}'`);
  } else if (/^(stream|team)$/.test(label)) task.stream = value;
  else if (/^critical( path)?$/.test(label)) task.critical = /^(y|yes|true)/i.test(value);
  else ctx.unplaced.push({ line, kind: 'paragraph', text: `${label}: ${value}` });
}

function readList(ctx: ImportContext, task: DraftTask, list: List, label: string | undefined): void {
  for (const item of list.children) {
    const paragraph = leadParagraph(item);
    const text = paragraph ? textOf(paragraph) : textOf(item);
    if (text === '') continue;
    const fields = paragraph && label === undefined ? labelledFields(paragraph) : [];
    const field = fields[0];
    if (field && item.checked == null && !/^\d/.test(text)) {
      for (const f of fields) applyField(ctx, task, f.label, f.value, f.line);
    } else if (label !== undefined && /depend/.test(label)) task.dependencies.push(text);
    else task.checklist.push(text);
    ctx.consume(item);
  }
}
