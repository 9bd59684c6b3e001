import type { Block, DocumentBlocks, HeadingInfo } from '../document-blocks.js';

/** One heading and the blocks directly under it (not under a sub-heading). */
export interface OutlineSection {
  heading?: HeadingInfo;
  blocks: Block[];
}

/** Sections in document order, including headings with nothing under them ("### 9:40am - Check-in"). */
export function outlineSections(doc: DocumentBlocks): OutlineSection[] {
  const byHeading = new Map<HeadingInfo | undefined, OutlineSection>();
  const sections: OutlineSection[] = [];
  const sectionOf = (heading: HeadingInfo | undefined): OutlineSection => {
    let section = byHeading.get(heading);
    if (!section) {
      section = heading === undefined ? { blocks: [] } : { heading, blocks: [] };
      byHeading.set(heading, section);
      sections.push(section);
    }
    return section;
  };
  let next = 0;
  for (const block of doc.blocks) {
    while (next < doc.headings.length && (doc.headings[next]?.line ?? Infinity) < block.line)
      sectionOf(doc.headings[next++]);
    sectionOf(block.headings[block.headings.length - 1]).blocks.push(block);
  }
  while (next < doc.headings.length) sectionOf(doc.headings[next++]);
  return sections;
}
