import type { DocumentBlocks, HeadingInfo } from './document-blocks.js';
import type { ImportContext } from './import-context.js';
import { labelledFields, leadParagraph } from './labelled-fields.js';
import { textOf } from './markdown-tree.js';
import { sectionContext } from './section-context.js';
import { weekdaysIn } from './weekday-text.js';

export interface RitualSection {
  name: string;
  days?: number[];
  channel?: string;
  questions: string[];
  thread?: boolean;
}

/**
 * "### Daily Standups" sections: Days / Channel / Questions / Format fields describe the ritual
 * whose time is written in the same section.
 */
export function readRitualSections(ctx: ImportContext, doc: DocumentBlocks): Map<HeadingInfo, RitualSection> {
  const sections = new Map<HeadingInfo, RitualSection>();
  let questionsFor: RitualSection | undefined;
  for (const block of doc.blocks) {
    const heading = sectionContext(block.headings).ritual;
    if (!heading) {
      questionsFor = undefined;
      continue;
    }
    let section = sections.get(heading);
    if (!section) {
      section = { name: heading.text, questions: [], ...dayHint(heading.text) };
      sections.set(heading, section);
    }
    const nodes = block.node.type === 'list' ? block.node.children : [block.node];
    for (const node of nodes) {
      if (questionsFor && node.type === 'listItem') {
        questionsFor.questions.push(textOf(node));
        ctx.consume(node);
        continue;
      }
      const paragraph = leadParagraph(node);
      for (const field of paragraph ? labelledFields(paragraph) : []) {
        if (/^(days?|when|schedule|frequency)$/.test(field.label)) {
          const days = weekdaysIn(field.value);
          if (days) section.days = days;
        } else if (/^(channel|where|slack channel|teams channel)$/.test(field.label)) {
          const channel = /#[\w-]+/.exec(field.value)?.[0] ?? field.value;
          section.channel = channel;
        } else if (/^(format|mode)$/.test(field.label)) {
          section.thread = /thread/i.test(field.value);
        } else if (/^(questions|prompts|agenda)$/.test(field.label)) {
          if (field.value === '') questionsFor = section;
          else section.questions.push(...field.value.split(/\s*[;/]\s*|(?<=\?)\s+/).filter((q) => q !== ''));
        } else continue;
        ctx.consume(node);
      }
    }
    if (block.node.type === 'list') questionsFor = undefined;
  }
  return sections;
}

function dayHint(text: string): { days?: number[] } {
  const days = weekdaysIn(text);
  return days ? { days } : {};
}
