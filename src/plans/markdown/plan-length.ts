import type { DocumentBlocks } from './document-blocks.js';
import type { Sourced } from './import-context.js';

/** "6-Week Workflow", "21-Day Execution Schedule": the plan's stated length, H1 first. */
export function statedLength(doc: DocumentBlocks): Sourced<number> | undefined {
  const ordered = [...doc.headings].sort((a, b) => a.depth - b.depth || a.line - b.line);
  for (const heading of ordered) {
    const match = /\b(\d{1,3})[- ](day|week)s?\b/i.exec(heading.text);
    if (match?.[1] && match[2]) {
      const n = Number(match[1]);
      if (n > 0) return { value: /week/i.test(match[2]) ? n * 7 : n, line: heading.line };
    }
  }
  return undefined;
}
