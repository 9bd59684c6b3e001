import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPlanJsonSchema } from '../../../src/plans/plan-json-schema.js';
import { repoRoot } from './seed-helpers.js';

describe('schemas/plan.schema.json', () => {
  it('is up to date with the zod schema (regenerate: npx tsx scripts/write-plan-schema.ts)', () => {
    const committed = readFileSync(`${repoRoot}schemas/plan.schema.json`, 'utf8');
    expect(committed).toBe(renderPlanJsonSchema());
  });

  it('lets editors complete the main sections', () => {
    const schema = JSON.parse(renderPlanJsonSchema()) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(['name', 'timezone']);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'members',
        'tasks',
        'milestones',
        'buffer',
        'rituals',
        'ladder',
        'rules',
        'workingDays',
        'holidays',
      ]),
    );
  });
});
