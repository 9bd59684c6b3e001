import type { IsoDate } from '../../domain/types.js';
import type { Message } from './message.js';
import { formatDate, plural, relativeDays, taskLabel, type TaskRef } from './format.js';
import { composeMessage, fitGroups } from './limits.js';

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

/**
 * Every slip one person is told of in one scheduler tick, as one message: one slip reads as
 * `slipAlert`; several are listed, so five slips at once are one DM rather than five.
 */
export function slipAlerts(planName: string, alerts: readonly SlipAlertInput[]): Message {
  if (alerts.length === 1) return slipAlert(alerts[0]!);
  const thresholds = new Set(alerts.map((a) => a.thresholdDays));
  const threshold =
    thresholds.size === 1
      ? ` the plan's ${plural(alerts[0]!.thresholdDays, 'business day')} threshold`
      : " the plan's threshold";
  const lines = alerts.map((a) => {
    const downstream = a.dependants > 0 ? `holds up ${plural(a.dependants, 'task')}` : 'nothing waits on it';
    return `${taskLabel(a.task)} · ${a.owner ?? 'unassigned'} · due ${formatDate(a.dueDate)}, ${plural(a.daysLate, 'business day')} late · ${downstream}`;
  });
  const blocks = fitGroups({
    head: [
      { type: 'header', text: `${alerts.length} slips · ${planName}` },
      { type: 'section', text: `${plural(alerts.length, 'task')} slipped past${threshold}:` },
    ],
    groups: lines.map((line) => [{ type: 'list', items: [line] }]),
    tail: [
      {
        type: 'section',
        text: 'The plan asks for a decision on each: more resourcing, a scope trade-off, or moving the dependants.',
      },
    ],
    summarise: (_hidden, shown) => `…and ${plural(lines.length - shown, 'more slip')}.`,
  });
  return composeMessage(
    'slip_alert',
    `${alerts.length} slips on ${planName}: ${alerts.map((a) => a.task.key).join(', ')}.`,
    blocks,
  );
}
