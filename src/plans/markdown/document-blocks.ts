import type { Heading, Root, RootContent } from 'mdast';
import type { HeadingKind } from './heading-kinds.js';
import { classifyHeading } from './heading-kinds.js';
import { parse } from 'yaml';
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
  /** The `title:` of YAML front matter: page metadata, used only when no H1 names the plan. */
  frontMatterTitle?: string;
}

// Rules, raw HTML, link definitions and front matter carry no plan content.
const IGNORED = new Set<string>(['thematicBreak', 'html', 'definition', 'yaml', 'toml']);

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
        const info: HeadingInfo = {
          depth: node.depth,
          text,
          line: lineOf(node),
          kind: classifyHeading(text),
          node,
          path: [],
        };
        stack = [...parents, info];
        info.path = stack;
        headings.push(info);
      } else if (node.type === 'blockquote') {
        visit(node.children);
      } else if (!IGNORED.has(node.type)) {
        blocks.push({ node, line: lineOf(node), headings: stack });
      }
    }
  };
  visit(root.children);
  const title = frontMatterTitle(root);
  return { blocks, headings, ...(title === undefined ? {} : { frontMatterTitle: title }) };
}

function frontMatterTitle(root: Root): string | undefined {
  const node = root.children[0];
  if (node?.type !== 'yaml') return undefined;
  try {
    const data: unknown = parse(node.value);
    const title = typeof data === 'object' && data !== null && 'title' in data ? data.title : undefined;
    return typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined;
  } catch {
    // Broken front matter is only metadata: the plan reads the same without it.
    return undefined;
  }
}
