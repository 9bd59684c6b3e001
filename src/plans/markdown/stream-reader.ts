import type { DocumentBlocks, HeadingInfo } from './document-blocks.js';
import type { ImportContext } from './import-context.js';
import { labelledFields, leadParagraph } from './labelled-fields.js';
import { directlyUnder } from './section-context.js';

export interface StreamInfo {
  name: string;
  owner?: string;
  priority?: string;
  effort?: string;
}

/** `### Stream N: Name` sections: the Owner / Priority / Duration lines under the heading itself. */
export function readStreams(ctx: ImportContext, doc: DocumentBlocks): Map<HeadingInfo, StreamInfo> {
  const streams = new Map<HeadingInfo, StreamInfo>();
  for (const heading of doc.headings) {
    if (heading.kind.kind === 'stream') streams.set(heading, { name: heading.kind.name });
  }
  for (const block of doc.blocks) {
    const heading = block.headings[block.headings.length - 1];
    const stream = heading ? streams.get(heading) : undefined;
    if (!heading || !stream || !directlyUnder(block.headings, heading)) continue;
    const nodes = block.node.type === 'list' ? block.node.children : [block.node];
    for (const node of nodes) {
      const paragraph = leadParagraph(node);
      let used = false;
      for (const field of paragraph ? labelledFields(paragraph) : []) {
        if (/^(owner|dri|lead|stream lead|assignee)$/.test(field.label)) {
          const owner = ctx.members.owner(field.value, field.line);
          if (owner !== undefined) stream.owner = owner;
          used = true;
        } else if (/^priority$/.test(field.label)) {
          stream.priority = field.value;
          used = true;
        } else if (/^(duration|effort|estimate|timeline)$/.test(field.label)) {
          stream.effort = field.value;
          used = true;
        } else if (/^(goal|objective|scope|summary|description)$/.test(field.label)) {
          used = true;
        }
      }
      if (used) ctx.consume(node);
    }
  }
  return streams;
}
