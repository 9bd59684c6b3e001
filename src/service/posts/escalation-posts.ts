import { formatDuration, plural } from '../messages/format.js';
import { composeMessage } from '../messages/limits.js';
import type { Message } from '../message.js';

export interface EscalationInput {
  blockerId: string;
  blockerNumber: number;
  summary: string;
  /** 1-based, as people count tiers. */
  tier: number;
  tierLabel?: string | undefined;
  reporter?: string | undefined;
  task?: { key: string; title: string } | undefined;
  openedAt: Date;
  now: Date;
  zone: string;
  /** Why it reached this tier: "reported", "unacknowledged after tier 1". */
  reason: string;
  planName: string;
}

/** The DM a ladder tier receives, with the one button that stops the climb. */
export function escalationMessage(input: EscalationInput): Message {
  const tier = `tier ${input.tier}${input.tierLabel ? ` (${input.tierLabel})` : ''}`;
  const text = `Blocker #${input.blockerNumber} in ${input.planName} needs you (${tier}): ${input.summary}`;
  return composeMessage('escalation', text, [
    { type: 'header', text: `Blocker #${input.blockerNumber} — escalated to you, ${tier}` },
    { type: 'section', text: `*${input.summary}*` },
    {
      type: 'fields',
      fields: [
        { label: 'Task', value: input.task ? `${input.task.key} · ${input.task.title}` : 'none named' },
        { label: 'Reported by', value: input.reporter ?? 'unknown' },
        { label: 'Open for', value: formatDuration(input.openedAt, input.now) },
        { label: 'Why you', value: input.reason },
      ],
    },
    { type: 'context', text: `Acknowledge to stop further escalation. Plan: ${input.planName}.` },
    { type: 'actions', actions: [{ id: 'blocker_ack', label: 'Acknowledge', value: input.blockerId, style: 'primary' }] },
  ]);
}

export interface ResolvedInput {
  blockerNumber: number;
  summary: string;
  resolvedBy: string;
  resolution?: string | undefined;
  task?: { key: string; title: string } | undefined;
  notifiedCount?: number;
}

/** Tells everyone the ladder reached that they can stand down. */
export function escalationResolvedMessage(input: ResolvedInput): Message {
  const text = `Blocker #${input.blockerNumber} was resolved by ${input.resolvedBy}: ${input.summary}`;
  return composeMessage('escalation_resolved', text, [
    { type: 'section', text: `✓ ${text}${input.resolution ? `\nResolution: ${input.resolution}` : ''}` },
    ...(input.task ? [{ type: 'context' as const, text: `Task ${input.task.key} · ${input.task.title}. No action needed${input.notifiedCount ? `; ${plural(input.notifiedCount, 'person', 'people')} notified` : ''}.` }] : []),
  ]);
}
