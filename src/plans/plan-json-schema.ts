import { z } from 'zod';
import { planSchema } from './plan-schema.js';

export const PLAN_SCHEMA_ID = 'https://planbot.dev/schemas/plan.schema.json';

/**
 * The committed `schemas/plan.schema.json`, rendered from the zod schema so editors autocomplete
 * exactly what the importer accepts. Input mode: fields with defaults are optional to authors.
 */
export function renderPlanJsonSchema(): string {
  const schema = z.toJSONSchema(planSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: PLAN_SCHEMA_ID }, null, 2)}\n`;
}
