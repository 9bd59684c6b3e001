import { PlanError } from '../../domain/plan-error.js';

// The Markdown parser is linear on documents people write and slow on two shapes nobody
// writes: nesting thousands of levels deep, and thousands of emphasis marks in one paragraph
// (its delimiter matching is quadratic). Both are settled before it runs.
const MAX_QUOTE_DEPTH = 32;
const MAX_LIST_INDENT = 120;
const MAX_EMPHASIS_MARKS = 400;
const QUOTES = /^(?:[ \t]{0,3}>){33}/;
const DEEP_ITEM = /^([ \t]{121,})(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * Refuses nesting no plan needs, with the line to fix, and escapes the emphasis marks of a
 * paragraph that has more than any plan uses, so they read as literal characters.
 */
export function boundMarkup(text: string, file: string): string {
  const lines = text.split('\n');
  let fenced = false;
  lines.forEach((line, index) => {
    if (/^[ \t]{0,3}(?:```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    if (QUOTES.test(line))
      refuse(
        file,
        index + 1,
        `quotes nested more than ${MAX_QUOTE_DEPTH} levels deep ('>' repeated); planbot reads up to ${MAX_QUOTE_DEPTH}`,
      );
    const deep = DEEP_ITEM.exec(line);
    if (deep)
      refuse(
        file,
        index + 1,
        `a list item indented ${deep[1]?.length ?? 0} columns; planbot reads lists nested up to ${MAX_LIST_INDENT} columns`,
      );
  });
  let start = 0;
  for (let i = 0; i <= lines.length; i += 1) {
    if (i < lines.length && lines[i]?.trim() !== '') continue;
    const paragraph = lines.slice(start, i);
    const marks = paragraph.reduce((sum, l) => sum + countMarks(l), 0);
    if (marks > MAX_EMPHASIS_MARKS)
      for (let j = start; j < i; j += 1) lines[j] = (lines[j] ?? '').replace(/(?<!\\)([*_~])/g, '\\$1');
    start = i + 1;
  }
  return lines.join('\n');
}

function countMarks(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126) count += 1;
  }
  return count;
}

function refuse(file: string, line: number, why: string): never {
  throw new PlanError('import_invalid', `${file}:${line}: ${why}`, { file, line });
}
