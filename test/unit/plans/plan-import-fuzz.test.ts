import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importPlanText } from '../../../src/plans/plan-import.js';
import { isPlanError } from '../../../src/domain/plan-error.js';

// Small on purpose: the Markdown parser costs a few ms per KB and the property runs many times.
const BASE = `# Sprint: 10-Day Plan

**Time zone:** PT
**Project Lead:** Ann Lee

| Day | Focus | Owner | Depends on |
| --- | --- | --- | --- |
| Day 1 | Kickoff | Ann Lee (Lead) | |
| Day 2 | Build | Bo Chu | Day 1 |
| Day 3 | **Buffer** | Ann Lee (On-call) | Day 2 |

## Week 2: Polish

#### QA
- [ ] Test plan
  - smoke
- [ ] Fix bugs (critical path)

### Role: Dev

#### Task 1: Ship (P1)
**Duration:** 2 days
**Dependencies:** Task 1

**Escalation Contacts:**
- **Primary:** Ann Lee — Lead (Slack \`@ann\`)
- **Secondary:** Cy Dow — Sponsor

Daily stand-up (09:00 PT) and triage at 2 PM on weekdays; if unresolved within 4 hours, escalate to Cy Dow.
Any slip longer than one business day is escalated to Cy Dow. Days 3 and 7 are buffers.
`;

const fragments = [
  '|',
  '| --- |',
  '- [ ] ',
  '```',
  '````',
  '#### Task 1: X',
  '### Role: ',
  'Day 99',
  'Days 1-',
  '(',
  ')',
  '**',
  ':',
  '09:00 QQT',
  '\u0000',
  'Week 0',
  '\n',
  '> ',
  '1. ',
  '#',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 12 })),
  }),
  fc.record({ kind: fc.constant('dupLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), with: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(text: string, m: Mutation): string {
  if (m.kind === 'delete') {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + text.slice(at + m.length);
  }
  if (m.kind === 'insert') {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + m.text + text.slice(at);
  }
  const lines = text.split('\n');
  const i = m.at % lines.length;
  if (m.kind === 'dupLine') lines.splice(i, 0, lines[i] ?? '');
  else {
    const j = m.with % lines.length;
    [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
  }
  return lines.join('\n');
}

describe('importer fuzz', () => {
  it('the unmutated base imports', () => {
    expect(importPlanText(BASE, { file: 'fuzz.md', startDate: '2026-12-07' }).plan.tasks.length).toBe(6);
  });

  it('returns a plan or throws PlanError(import_invalid), nothing else', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (mutations, withStart) => {
        const text = mutations.reduce(apply, BASE);
        try {
          const result = importPlanText(text, { file: 'fuzz.md', ...(withStart ? { startDate: '2026-12-07' } : {}) });
          expect(result.plan.tasks.length).toBeGreaterThan(0);
          expect(Array.isArray(result.warnings) && Array.isArray(result.unplaced)).toBe(true);
        } catch (error) {
          if (!isPlanError(error, 'import_invalid')) throw error;
        }
      }),
      { numRuns: 150, seed: 20261207 },
    );
  });

  it('survives arbitrary text and Markdown-ish noise', () => {
    const noise = fc
      .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 20 })), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(noise, (text) => {
        try {
          importPlanText(text, { file: 'noise.md' });
        } catch (error) {
          if (!isPlanError(error, 'import_invalid')) throw error;
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('YAML noise gives a plan or a coded error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          importPlanText(`name: P\ntimezone: UTC\n${text}`, { file: 'noise.yaml' });
        } catch (error) {
          if (!isPlanError(error, 'import_invalid')) throw error;
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
