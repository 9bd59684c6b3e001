import type { RootContent } from 'mdast';
import type { Block } from './document-blocks.js';
import { labelledFields, leadParagraph } from './labelled-fields.js';
import { textOf } from './markdown-tree.js';

export interface ProseUnit {
  /** The paragraph or list item that holds the text; consumed when a reader uses it. */
  node: RootContent;
  /** Text without a leading "**Label:**", which is a heading in disguise. */
  text: string;
  label?: string;
  line: number;
  block: Block;
}

/** Paragraphs and list items no structural reader took: where prose rules are written. */
export function proseUnits(blocks: readonly Block[], isConsumed: (node: RootContent) => boolean): ProseUnit[] {
  const units: ProseUnit[] = [];
  for (const block of blocks) {
    const nodes =
      block.node.type === 'list' ? block.node.children : block.node.type === 'paragraph' ? [block.node] : [];
    for (const node of nodes) {
      if (isConsumed(node)) continue;
      const paragraph = leadParagraph(node);
      if (!paragraph) continue;
      const fields = labelledFields(paragraph);
      const first = fields[0];
      const strongFirst = paragraph.children[0]?.type === 'strong';
      const text = first && strongFirst ? fields.map((f) => f.value).join(' ') : textOf(node);
      units.push({
        node,
        text,
        line: block.node.type === 'list' ? (node.position?.start.line ?? block.line) : block.line,
        block,
        ...(first && strongFirst ? { label: first.label } : {}),
      });
    }
  }
  return units;
}

/** Sentences of one paragraph; a period inside "e.g." is rare enough in plans to ignore. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z("*`])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Clauses at parenthesis depth 0, split on commas, semicolons and "and". */
export function clausesOf(sentence: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < sentence.length; i += 1) {
    const ch = sentence.charAt(i);
    if (ch === '(') depth += 1;
    if (ch === ')') depth = Math.max(0, depth - 1);
    // "every Tuesday and Thursday at 10:30" is one clause: the "and" joins days, not rituals.
    const andHere =
      depth === 0 &&
      /^\sand\s/i.test(sentence.slice(i, i + 5)) &&
      !/^\sand\s+(?:mon|tue|wed|thu|fri|sat|sun)/i.test(sentence.slice(i, i + 12));
    if (depth === 0 && (ch === ',' || ch === ';' || andHere)) {
      clauses.push(current);
      current = '';
      if (andHere) i += 4;
      continue;
    }
    current += ch;
  }
  clauses.push(current);
  return clauses.map((c) => c.trim()).filter((c) => c !== '');
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** "two" → 2, "3" → 3. */
export function numberFrom(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word.toLowerCase()];
}
