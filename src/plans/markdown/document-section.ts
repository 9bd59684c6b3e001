import { PlanError } from '../../domain/plan-error.js';
import type { DocumentBlocks } from './document-blocks.js';

/**
 * One plan out of a document that holds several ("## First Day", "## Build Days"): the blocks
 * under the heading named `section`, with the document title kept so the plan is still named.
 */
export function documentSection(
  doc: DocumentBlocks,
  section: string,
  file: string,
): { doc: DocumentBlocks; name: string } {
  const wanted = normal(section);
  const heading =
    doc.headings.find((h) => normal(h.text) === wanted) ?? doc.headings.find((h) => normal(h.text).includes(wanted));
  if (!heading) {
    const names = doc.headings
      .filter((h) => h.depth <= 3)
      .map((h) => `"${h.text}"`)
      .slice(0, 12)
      .join(', ');
    throw new PlanError('import_invalid', `${file}: no section "${section}"; the headings are ${names}`, {
      file,
      line: 1,
    });
  }
  const inside = (path: readonly { node: unknown }[]): boolean => path.some((h) => h.node === heading.node);
  const title = doc.headings[0]?.depth === 1 && doc.headings[0] !== heading ? [doc.headings[0]] : [];
  const part: DocumentBlocks = {
    ...doc,
    blocks: doc.blocks.filter((b) => inside(b.headings)),
    headings: [...title, ...doc.headings.filter((h) => inside(h.path))],
  };
  // Each part is its own plan, so it needs its own name: two parts must not re-baseline each other.
  const whole = title[0]?.text ?? doc.frontMatterTitle;
  return { doc: part, name: whole === undefined ? heading.text : `${whole}: ${heading.text}` };
}

function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
