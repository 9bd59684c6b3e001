import type { IsoDate } from '../../domain/types.js';
import type { Message } from './message.js';
import { formatDate, plural, relativeDays, taskLabel, type TaskRef } from './format.js';
import { composeMessage } from './limits.js';

export interface SlipAlertInput {
  planName: string;
  task: TaskRef;
  owner: string | null;
  dueDate: IsoDate;
  /** Business days late. */
  daysLate: number;
  /** The plan's threshold in business days. */
  thresholdDays: number;
  /** The rule's target (e.g. the sponsor), addressed at the top. */
  target?: string;
  dependants: number;
  milestone?: { name: string; daysUntil: number } | null;
}

/** A task late beyond the plan's threshold, sent once to whoever the plan says decides. */
export function slipAlert(input: SlipAlertInput): Message {
  const late = plural(input.daysLate, 'business day');
  const intro = `${input.target ? `${input.target}: ` : ''}${taskLabel(input.task)} was due ${formatDate(input.dueDate)} and is ${late} late, past the plan's ${plural(input.thresholdDays, 'business day')} threshold.`;
  const impact = [
    `Owner: ${input.owner ?? 'unassigned'}`,
    input.dependants > 0 ? `holds up ${plural(input.dependants, 'task')} downstream` : 'nothing downstream waits on it',
  ];
  if (input.milestone) impact.push(`threatens *${input.milestone.name}* ${relativeDays(input.milestone.daysUntil)}`);
  return composeMessage('slip_alert', `Slip on ${input.planName}: ${input.task.key} is ${late} late.`, [
    { type: 'header', text: `Slip · ${input.planName}` },
    { type: 'section', text: intro },
    { type: 'context', text: impact.join(' · ') },
    {
      type: 'section',
      text: 'The plan asks for a decision: more resourcing, a scope trade-off, or moving the dependants.',
    },
  ]);
}
