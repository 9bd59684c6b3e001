import type { Message } from './message.js';
import type { IsoDate } from '../../domain/types.js';
import { formatDate, formatDuration, formatMinutes, taskLabel, type Instant, type TaskRef } from './format.js';
import { composeMessage } from './limits.js';

/** Why the blocker reached this tier, so the reader knows how urgent it is and why it is them. */
export type EscalationReason =
  | { kind: 'first_tier' }
  /** The previous tier did not acknowledge within its delay. */
  | {
      kind: 'unacknowledged';
      previousTier: number;
      previousLabel?: string;
      delayMinutes: number;
      businessHours: boolean;
      /** The previous tier named only the blocker's reporter, who was not told of their own blocker. */
      previousWasReporter?: string;
      /** Everyone the previous tier named was on time off, so it was passed without a DM. */
      previousAway?: readonly { name: string; until: IsoDate }[];
    }
  | { kind: 'manual'; by: string }
  /** Weekend blockers skip the queue in seed-style plans; the caller says so. */
  | { kind: 'weekend' };

export interface EscalationInput {
  planName: string;
  blocker: { id: string; number: number; summary: string; openedAt: Instant };
  tier: { number: number; label?: string };
  /** Mentions or names. */
  reportedBy: string | null;
  owner?: string | null;
  task: TaskRef | null;
  now: Instant;
  reason: EscalationReason;
  /** This tier also paged PagerDuty (the schedule or service the plan names, if any). */
  paged?: { schedule?: string };
}

function reasonText(reason: EscalationReason): string {
  switch (reason.kind) {
    case 'first_tier':
      return 'You are the first contact for new blockers on this plan.';
    case 'weekend':
      return 'It was reported on a buffer day, and weekend blockers go straight to this tier.';
    case 'manual':
      return `${reason.by} escalated it by hand.`;
    case 'unacknowledged': {
      const label = reason.previousLabel ? ` (${reason.previousLabel})` : '';
      const hours = reason.businessHours ? ' business time' : '';
      if (reason.previousAway && reason.previousAway.length > 0) {
        const who = reason.previousAway.map((a) => `${a.name}`).join(' and ');
        const until = [...new Set(reason.previousAway.map((a) => formatDate(a.until)))].join(' and ');
        return `Tier ${reason.previousTier}${label} ${who} ${reason.previousAway.length === 1 ? 'is' : 'are'} away until ${until}; nobody has acknowledged it in ${formatMinutes(reason.delayMinutes)}${hours}.`;
      }
      if (reason.previousWasReporter)
        return `Tier ${reason.previousTier}${label} is ${reason.previousWasReporter}, who reported it; nobody has acknowledged it in ${formatMinutes(reason.delayMinutes)}${hours}.`;
      return `Nobody at tier ${reason.previousTier}${label} acknowledged it within ${formatMinutes(reason.delayMinutes)}${hours}.`;
    }
  }
}

/** The DM to one tier of the ladder: what is stuck, for how long, and why it came to them. */
export function escalation(input: EscalationInput): Message {
  const tier = `Tier ${input.tier.number}${input.tier.label ? ` (${input.tier.label})` : ''}`;
  const age = formatDuration(input.blocker.openedAt, input.now);
  const title = `Escalation · ${tier}`;
  const summary = `Blocker #${input.blocker.number} on ${input.planName} has been open for ${age}: ${input.blocker.summary}`;
  return composeMessage('escalation', summary, [
    { type: 'header', text: title },
    { type: 'section', text: `*#${input.blocker.number}* ${input.blocker.summary}` },
    {
      type: 'fields',
      fields: [
        { label: 'Plan', value: input.planName },
        { label: 'Task', value: input.task === null ? 'none' : taskLabel(input.task) },
        { label: 'Reported by', value: input.reportedBy ?? 'unknown' },
        ...(input.owner ? [{ label: 'Owner', value: input.owner }] : []),
        { label: 'Open for', value: age },
      ],
    },
    {
      type: 'section',
      text: `*Why you:* ${reasonText(input.reason)} Acknowledge to take it and stop further escalation.`,
    },
    ...(input.paged
      ? [
          {
            type: 'context' as const,
            text: `PagerDuty paged${input.paged.schedule ? ` (${input.paged.schedule})` : ''}; acknowledging or resolving here does the same to the incident.`,
          },
        ]
      : []),
    {
      type: 'actions',
      actions: [{ id: 'blocker_ack', label: 'Acknowledge', value: input.blocker.id, style: 'primary' }],
    },
  ]);
}
