import { clampText } from '../../domain/text-clamp.js';
import type { DocumentBlocks } from './document-blocks.js';
import type { ImportContext } from './import-context.js';
import { leadParagraph } from './labelled-fields.js';
import { lineOf, textOf } from './markdown-tree.js';

const MAX_TEXT = 160;

/** Every paragraph, table and list item no reader used, so the reviewer sees what was left out. */
export function collectUnplaced(ctx: ImportContext, doc: DocumentBlocks): void {
  doc.blocks.forEach((block, index) => {
    const node = block.node;
    if (ctx.isConsumed(node) || node.type === 'code') return;
    const next = doc.blocks[index + 1]?.node;
    // "**Adjustment Guidance:**" is a caption; it is placed when the list it introduces is.
    if (
      node.type === 'paragraph' &&
      textOf(node).endsWith(':') &&
      next?.type === 'list' &&
      next.children.some((item) => ctx.isConsumed(item))
    ) {
      return;
    }
    if (node.type === 'list') {
      for (const item of node.children) {
        if (ctx.isConsumed(item)) continue;
        const paragraph = leadParagraph(item);
        ctx.unplaced.push({ line: lineOf(item), kind: 'list-item', text: clip(textOf(paragraph ?? item)) });
      }
    } else if (node.type === 'table') {
      const header = node.children[0];
      ctx.unplaced.push({
        line: block.line,
        kind: 'table',
        text: clip(header ? header.children.map((c) => textOf(c)).join(' | ') : ''),
      });
    } else {
      const text = textOf(node);
      if (text !== '')
        ctx.unplaced.push({
          line: block.line,
          kind: node.type === 'paragraph' ? 'paragraph' : 'other',
          text: clip(text),
        });
    }
  });
  ctx.unplaced.sort((a, b) => a.line - b.line);
}

function clip(text: string): string {
  return clampText(text, MAX_TEXT);
}
