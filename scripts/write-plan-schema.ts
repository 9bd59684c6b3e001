// Regenerates schemas/plan.schema.json; test/unit/plans/plan-json-schema.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderPlanJsonSchema } from '../src/plans/plan-json-schema.js';

const target = fileURLToPath(new URL('../schemas/plan.schema.json', import.meta.url));
writeFileSync(target, renderPlanJsonSchema());
process.stdout.write(`wrote ${target}\n`);
