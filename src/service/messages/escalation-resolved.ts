import type { Message } from './message.js';
import { formatDuration, taskLabel, type Instant, type TaskRef } from './format.js';
import { composeMessage } from './limits.js';

export interface EscalationResolvedInput {
  planName: string;
  blocker: { number: number; summary: string; openedAt: Instant };
  task: TaskRef | null;
  resolvedBy: string;
  resolvedAt: Instant;
  resolution: string | null;
}

/** Closes the loop with everyone the ladder reached, so nobody keeps chasing a solved problem. */
export function escalationResolved(input: EscalationResolvedInput): Message {
  const took = formatDuration(input.blocker.openedAt, input.resolvedAt);
  const task = input.task === null ? '' : ` on ${taskLabel(input.task)}`;
  const lines = [
    `*Resolved:* blocker *#${input.blocker.number}* ${input.blocker.summary}${task} (${input.planName}).`,
    `Resolved by ${input.resolvedBy} after ${took}. Nothing more is needed from you.`,
  ];
  if (input.resolution) lines.push(`Resolution: ${input.resolution}`);
  return composeMessage(
    'escalation_resolved',
    `Blocker #${input.blocker.number} was resolved by ${input.resolvedBy}.`,
    [{ type: 'section', text: lines.join('\n') }],
  );
}
