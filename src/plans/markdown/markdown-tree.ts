import type { Nodes, PhrasingContent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { toString } from 'mdast-util-to-string';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';

/**
 * GFM tables and `- [ ]` task items as nodes, so no reader ever scans raw lines; front matter is
 * its own node (page metadata, never plan content). Only the GFM
 * parts plans use: autolink literals and footnotes cost most of the parse time and no reader needs them.
 */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, {
    extensions: [frontmatter(['yaml', 'toml']), gfmTable(), gfmTaskListItem(), gfmStrikethrough()],
    mdastExtensions: [
      frontmatterFromMarkdown(['yaml', 'toml']),
      gfmTableFromMarkdown(),
      gfmTaskListItemFromMarkdown(),
      gfmStrikethroughFromMarkdown(),
    ],
  });
}

export function lineOf(node: Nodes | undefined, fallback = 1): number {
  return node?.position?.start.line ?? fallback;
}

/** Flattened text with runs of whitespace collapsed; inline code keeps its content, breaks become spaces. */
export function textOf(node: Nodes): string {
  return rawText(node).replace(/\s+/g, ' ').trim();
}

function rawText(node: Nodes): string {
  // Inline HTML such as <br> is layout, not words.
  if (node.type === 'break' || node.type === 'html') return ' ';
  if ('value' in node) return node.value;
  if ('children' in node)
    return node.children
      .map((child: Nodes) => rawText(child))
      .join(
        node.type === 'paragraph' ||
          node.type === 'strong' ||
          node.type === 'emphasis' ||
          node.type === 'link' ||
          node.type === 'delete' ||
          node.type === 'heading' ||
          node.type === 'tableCell'
          ? ''
          : ' ',
      );
  return '';
}

/** Text of phrasing content keeping hard and soft line breaks, for "Label: value" lines. */
export function linesOf(children: readonly PhrasingContent[]): string {
  return children
    .map((child) => (child.type === 'break' ? '\n' : toString(child, { includeImageAlt: false })))
    .join('');
}
