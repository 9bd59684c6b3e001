import type { RootContent } from 'mdast';
import { addDays } from '../../domain/iso-date.js';
import type { DocumentBlocks } from './document-blocks.js';
import type { ImportContext } from './import-context.js';
import { textOf } from './markdown-tree.js';
import { proseUnits } from './prose-text.js';
import { whenMentions, type WhenContext } from './when/when-text.js';

// "Holidays: Dec 24, Dec 25", "**Public holidays:** …", "Office closed: …".
const HOLIDAY_LINE =
  /^\s*(?:(?:public|company|bank|office|team|plan)\s+)?(?:holidays?|closures?|office closed|closed)\s*(?:\([^)]*\))?\s*[:：]\s*(\S[\s\S]*)$/i;
const HOLIDAY_LABEL = /^(?:(?:public|company|bank|office|team|plan)\s+)?(?:holidays?|closures?|office closed|closed)$/;
const HOLIDAY_HEADING = /\bholidays?\b|\bclosures?\b|\boffice closed\b|\bdays off\b/i;
// A range longer than this is a typo or a season, not a holiday; it is not spread over the calendar.
const MAX_RANGE_DAYS = 31;

/**
 * Plan-wide holidays written in a document: a "Holidays: Dec 24, Dec 25" line (bold label or
 * not), or a list or table under a "Holidays" heading, one day or range per item or row, its
 * name alongside ("Dec 24 — Christmas Eve"). A date without a year takes the document's year,
 * else the first one on or after the plan's start (or today). What it reads is consumed, so no
 * other reader takes a holiday for a task.
 */
export function readHolidays(ctx: ImportContext, doc: DocumentBlocks, when: WhenContext, anchor?: string): void {
  for (const unit of proseUnits(doc.blocks, (node) => ctx.isConsumed(node))) {
    const underHeading = unit.block.headings.some((h) => HOLIDAY_HEADING.test(h.text));
    const labelled = unit.label !== undefined && HOLIDAY_LABEL.test(unit.label);
    const line = labelled ? unit.text : HOLIDAY_LINE.exec(unit.text)?.[1];
    const text = line ?? (underHeading ? unit.text : undefined);
    if (text === undefined) continue;
    if (addDates(ctx, text, unit.line, when, anchor)) ctx.consume(unit.node);
  }
  for (const block of doc.blocks) {
    if (block.node.type !== 'table' || ctx.isConsumed(block.node)) continue;
    if (!block.headings.some((h) => HOLIDAY_HEADING.test(h.text))) continue;
    let read = false;
    for (const row of block.node.children.slice(1)) {
      read = addDates(ctx, textOf(row as RootContent), row.position?.start.line ?? block.line, when, anchor) || read;
    }
    if (read) ctx.consume(block.node);
  }
}

function addDates(ctx: ImportContext, text: string, line: number, when: WhenContext, anchor?: string): boolean {
  let found = false;
  for (const mention of whenMentions(text, when)) {
    const from = dateOf(mention.date, mention.monthDay, anchor);
    if (from === undefined) continue;
    const to = dateOf(mention.dateTo, mention.monthDayTo, anchor) ?? from;
    found = true;
    if (to < from || to > addDays(from, MAX_RANGE_DAYS)) {
      ctx.warn(line, `holiday range ${from} to ${to} was not read; write each day or a range of a month at most`);
      continue;
    }
    for (let day = from; day <= to; day = addDays(day, 1)) ctx.addHoliday(day, line);
  }
  return found;
}

/** The written date, or a month and day placed in the year that puts it on or after `anchor`. */
function dateOf(
  date: string | undefined,
  monthDay: { month: number; day: number } | undefined,
  anchor: string | undefined,
): string | undefined {
  if (date !== undefined) return date;
  if (monthDay === undefined || anchor === undefined) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = Number(anchor.slice(0, 4));
  const inYear = `${year}-${pad(monthDay.month)}-${pad(monthDay.day)}`;
  return inYear >= anchor ? inYear : `${year + 1}-${pad(monthDay.month)}-${pad(monthDay.day)}`;
}
