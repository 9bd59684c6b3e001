import type { List, ListItem } from 'mdast';
import { leadParagraph } from './labelled-fields.js';
import { textOf } from './markdown-tree.js';

export interface ItemText {
  title: string;
  priority?: string;
  critical: boolean;
  /** Nested bullets: the item's own checklist. */
  checklist: string[];
}

const PRIORITY_SUFFIX = /\s*\((P[0-4])\)\s*$/i;

/** One `- [ ] ...` item: its own line is the title, nested bullets are its checklist. */
export function readItemText(item: ListItem): ItemText {
  const paragraph = leadParagraph(item);
  const raw = paragraph ? textOf(paragraph) : textOf(item);
  const priority = PRIORITY_SUFFIX.exec(raw)?.[1]?.toUpperCase();
  const title = raw
    .replace(PRIORITY_SUFFIX, '')
    .replace(/[:：]\s*$/, '')
    .trim();
  const checklist = item.children
    .filter((child): child is List => child.type === 'list')
    .flatMap((list) => list.children.map((sub) => textOf(sub)))
    .filter((text) => text !== '');
  return { title, critical: /critical[- ]path/i.test(raw), checklist, ...(priority ? { priority } : {}) };
}

export function hasCheckboxes(list: List): boolean {
  return list.children.some((item) => item.checked === true || item.checked === false);
}
