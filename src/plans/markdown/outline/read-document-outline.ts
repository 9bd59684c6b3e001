import { slugify } from '../../plan-keys.js';
import type { PlanMilestone } from '../../plan-schema.js';
import type { RitualDraft } from '../cadence-reader.js';
import type { DocumentBlocks } from '../document-blocks.js';
import type { ImportContext } from '../import-context.js';
import type { WhenContext } from '../when/when-text.js';
import { addOutlineTasks } from './outline-tasks.js';
import { readOutline } from './outline-reader.js';
import { readRecurringRituals, ritualsFromRepeatedRows } from './recurring-rituals.js';
import { placeWhen } from './task-candidate.js';

/**
 * Reads a document none of the layout readers recognised: rituals first (their sections are not
 * tasks), then the outline's tasks, people and dated groups. Returns the rituals it found.
 */
export function readDocumentOutline(ctx: ImportContext, doc: DocumentBlocks, when: WhenContext): RitualDraft[] {
  const rituals = readRecurringRituals(ctx, doc, when);
  const reading = readOutline(doc, when, rituals.headings);
  const fromRows = ritualsFromRepeatedRows(ctx, reading.tasks);
  for (const person of reading.roster) ctx.members.declare(person.name, person.title === undefined ? {} : { title: person.title }, person.line);
  addOutlineTasks(ctx, reading.tasks, when);
  for (const group of reading.milestones) {
    const at = placeWhen({ when: group.when, context: [] });
    const milestone: PlanMilestone = { key: ctx.keys.unique(slugify(group.name, 'milestone')), name: group.name, gateCriteria: [] };
    if (at.date !== undefined) milestone.dueDate = at.date;
    else if (at.day !== undefined) milestone.dueDay = at.day;
    else if (at.week !== undefined) milestone.dueWeek = at.week;
    else continue;
    ctx.milestones.push({ value: milestone, line: group.line });
  }
  for (const node of reading.used) ctx.consume(node);
  return [...rituals.drafts, ...fromRows];
}
