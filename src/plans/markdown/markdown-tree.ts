import type { Nodes, PhrasingContent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';

/** GFM gives us tables and `- [ ]` task items as nodes, so no reader ever scans raw lines. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

export function lineOf(node: Nodes | undefined, fallback = 1): number {
  return node?.position?.start.line ?? fallback;
}

/** Flattened text with runs of whitespace collapsed; inline code keeps its content, breaks become spaces. */
export function textOf(node: Nodes): string {
  return rawText(node).replace(/\s+/g, ' ').trim();
}

function rawText(node: Nodes): string {
  if (node.type === 'break') return ' ';
  if ('value' in node) return node.value;
  if ('children' in node) return node.children.map((child: Nodes) => rawText(child)).join(node.type === 'paragraph' || node.type === 'strong' || node.type === 'emphasis' || node.type === 'link' || node.type === 'delete' || node.type === 'heading' || node.type === 'tableCell' ? '' : ' ');
  return '';
}

/** Text of phrasing content keeping hard and soft line breaks, for "Label: value" lines. */
export function linesOf(children: readonly PhrasingContent[]): string {
  return children
    .map((child) => (child.type === 'break' ? '\n' : toString(child, { includeImageAlt: false })))
    .join('');
}
