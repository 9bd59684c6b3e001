import type { Table } from 'mdast';
import { slugify } from '../plan-keys.js';
import type { DocumentBlocks } from './document-blocks.js';
import type { DraftTask, ImportContext } from './import-context.js';
import { lineOf, textOf } from './markdown-tree.js';
import { parseDayCell } from './day-cell.js';
import type { TableColumns } from './table-columns.js';
import { looksLikeSchedule, mapColumns } from './table-columns.js';
import { isCriticalText, isEmptyCell, splitOwners } from './cell-text.js';
import { sectionContext } from './section-context.js';

/** Day tables (`| Day | Focus | Deliverable | Dependencies | Owner |`, any order and naming) → tasks. */
export function readDayTables(ctx: ImportContext, doc: DocumentBlocks, yearHint: number | undefined): void {
  for (const block of doc.blocks) {
    if (block.node.type !== 'table') continue;
    const table = block.node;
    const headers = (table.children[0]?.children ?? []).map((cell) => textOf(cell));
    const columns = mapColumns(headers);
    if (!looksLikeSchedule(columns)) continue;
    // Without a day and an owner column this is not a day table; the outline reader reads it by content.
    if (columns.byRole.day === undefined || columns.byRole.owner === undefined) continue;
    ctx.consume(table);
    const stream = sectionContext(block.headings).group?.text;
    readRows(ctx, table, columns, yearHint, stream);
  }
}

function readRows(
  ctx: ImportContext,
  table: Table,
  columns: TableColumns,
  yearHint: number | undefined,
  stream: string | undefined,
): void {
  const { byRole } = columns;
  for (const row of table.children.slice(1)) {
    const cells = row.children.map((cell) => textOf(cell));
    const cell = (index: number | undefined): string => (index === undefined ? '' : (cells[index] ?? ''));
    const line = lineOf(row);
    if (cells.every((c) => isEmptyCell(c))) continue;
    const when = parseDayCell(cell(byRole.day), columns.dayUnit, yearHint);
    const title = cell(byRole.title) || cell(byRole.deliverable);
    if (!when || isEmptyCell(title)) {
      ctx.unplaced.push({ line, kind: 'table-row', text: cells.join(' | ') });
      ctx.warn(
        line,
        when
          ? 'table row has no task title; listed as unplaced'
          : `cannot read day '${cell(byRole.day)}'; row listed as unplaced`,
      );
      continue;
    }
    if (when.kind === 'date' && when.guessedYear !== undefined)
      ctx.warn(line, `date '${cell(byRole.day)}' has no year; assumed ${when.guessedYear}`);
    const deliverable = cell(byRole.deliverable);
    const buffer = /\bbuffer\b/i.test(`${title} ${byRole.title === undefined ? '' : deliverable}`);
    const owners = splitOwners(cell(byRole.owner));
    if (owners.length > 1) ctx.warn(line, `several owners '${owners.join("', '")}'; '${owners[0] ?? ''}' is the owner`);
    const owner = owners[0] === undefined ? undefined : ctx.members.owner(owners[0], line);
    const explicitKey = cell(byRole.key);
    const key = isEmptyCell(explicitKey) ? ctx.keys.unique(slugify(title, 'task')) : explicitKey;
    ctx.keys.claim(key);
    const dependency = cell(byRole.dependencies);
    const task: DraftTask = {
      key,
      title,
      line,
      dependsOn: [],
      dependencies: isEmptyCell(dependency) ? [] : [dependency],
      checklist: isEmptyCell(cell(byRole.checklist)) ? [] : [cell(byRole.checklist)],
      critical: isCriticalText(cell(byRole.critical)) || /critical path/i.test(`${title} ${deliverable}`),
      buffer,
    };
    if (owner !== undefined) task.owner = owner;
    if (when.kind === 'day') {
      task.day = when.day;
      if (when.endDay > when.day) task.durationDays = when.endDay - when.day + 1;
    } else if (when.kind === 'week') task.week = when.week;
    else task.date = when.date;
    if (byRole.title !== undefined && !isEmptyCell(deliverable)) task.deliverable = deliverable;
    if (!isEmptyCell(cell(byRole.priority))) task.priority = cell(byRole.priority);
    if (!isEmptyCell(cell(byRole.effort))) task.effort = cell(byRole.effort);
    const streamCell = cell(byRole.stream);
    if (!isEmptyCell(streamCell)) task.stream = streamCell;
    else if (stream !== undefined) task.stream = stream;
    if (buffer && task.day !== undefined) ctx.addBufferDay(task.day, line);
    ctx.addTask(task);
  }
}
