import type { Paragraph, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { lineOf, linesOf } from './markdown-tree.js';

export interface LabelledField {
  /** Lowercased label without the colon, e.g. "team lead". */
  label: string;
  value: string;
  line: number;
}

/**
 * Reads "**Label:** value" pairs from one paragraph; several may share it, split by line breaks.
 * Falls back to plain "Label: value" lines so un-bolded documents read the same.
 */
export function labelledFields(paragraph: Paragraph): LabelledField[] {
  const fields: LabelledField[] = [];
  let current: { label: string; line: number; parts: PhrasingContent[] } | undefined;
  const flush = (): void => {
    if (current) fields.push({ label: current.label, value: cleanValue(linesOf(current.parts)), line: current.line });
  };
  const children = paragraph.children;
  children.forEach((child, index) => {
    const label = child.type === 'strong' ? strongLabel(toString(child), children[index + 1]) : undefined;
    if (label !== undefined) {
      flush();
      current = { label, line: lineOf(child, lineOf(paragraph)), parts: [] };
      return;
    }
    current?.parts.push(child);
  });
  flush();
  if (fields.length > 0) return fields;
  return plainFields(linesOf(paragraph.children), lineOf(paragraph));
}

/** The first paragraph of a list item or the paragraph itself; where labelled fields live. */
export function leadParagraph(node: RootContent): Paragraph | undefined {
  if (node.type === 'paragraph') return node;
  if (node.type === 'listItem') return node.children.find((c): c is Paragraph => c.type === 'paragraph');
  return undefined;
}

function strongLabel(text: string, next: PhrasingContent | undefined): string | undefined {
  const trimmed = text.trim();
  if (trimmed.endsWith(':')) return normalizeLabel(trimmed.slice(0, -1));
  if (next?.type === 'text' && /^\s*[:：]/.test(next.value)) return normalizeLabel(trimmed);
  return undefined;
}

function plainFields(text: string, firstLine: number): LabelledField[] {
  const fields: LabelledField[] = [];
  text.split('\n').forEach((line, offset) => {
    const match = /^\s*([A-Za-z][\w /&()#.-]{0,40}?)\s*:\s+(\S.*)$/.exec(line);
    if (match?.[1] && match[2] && !/\d$/.test(match[1])) {
      fields.push({ label: normalizeLabel(match[1]), value: cleanValue(match[2]), line: firstLine + offset });
    }
  });
  return fields;
}

function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

function cleanValue(value: string): string {
  return value
    .replace(/^\s*[:：]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
