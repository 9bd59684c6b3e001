import type { Heading, Root, RootContent } from 'mdast';
import type { HeadingKind } from './heading-kinds.js';
import { classifyHeading } from './heading-kinds.js';
import { lineOf, textOf } from './markdown-tree.js';

export interface HeadingInfo {
  depth: number;
  text: string;
  line: number;
  kind: HeadingKind;
  node: Heading;
  /** The headings this one sits under, and itself last. */
  path: readonly HeadingInfo[];
}

/** A top-level block with the headings it sits under (outermost first). */
export interface Block {
  node: RootContent;
  line: number;
  headings: readonly HeadingInfo[];
}

export interface DocumentBlocks {
  blocks: Block[];
  headings: HeadingInfo[];
}

/**
 * Markdown sections are implicit: a heading owns everything until a heading of the same or a
 * higher level. Resolving that once lets every reader ask "what am I under?".
 */
export function collectBlocks(root: Root): DocumentBlocks {
  const blocks: Block[] = [];
  const headings: HeadingInfo[] = [];
  let stack: HeadingInfo[] = [];
  const visit = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'heading') {
        const text = textOf(node);
        const parents = stack.filter((h) => h.depth < node.depth);
        const info: HeadingInfo = { depth: node.depth, text, line: lineOf(node), kind: classifyHeading(text), node, path: [] };
        stack = [...parents, info];
        info.path = stack;
        headings.push(info);
      } else if (node.type === 'blockquote') {
        visit(node.children);
      } else if (node.type !== 'thematicBreak' && node.type !== 'html' && node.type !== 'definition') {
        blocks.push({ node, line: lineOf(node), headings: stack });
      }
    }
  };
  visit(root.children);
  return { blocks, headings };
}
