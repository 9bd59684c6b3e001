import type { DocumentBlocks } from './document-blocks.js';
import type { Sourced } from './import-context.js';

/**
 * "6-Week Workflow", "21-Day Execution Schedule": the plan's stated length, from its top headings
 * only. A section's "Quick Wins (1-2 days)" or "T-6 days" is not the plan's length.
 */
export function statedLength(doc: DocumentBlocks): Sourced<number> | undefined {
  const top = Math.min(...doc.headings.map((h) => h.depth));
  const ordered = doc.headings
    .filter((h) => h.depth <= Math.max(top, 2))
    .sort((a, b) => a.depth - b.depth || a.line - b.line);
  for (const heading of ordered) {
    const match = /(?<![\dT][-–]?|[-–+]\s?)\b(\d{1,3})[- ](day|week)s?\b/i.exec(heading.text);
    if (match?.[1] && match[2]) {
      const n = Number(match[1]);
      if (n > 0) return { value: /week/i.test(match[2]) ? n * 7 : n, line: heading.line };
    }
  }
  return undefined;
}
