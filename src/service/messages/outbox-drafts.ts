import { channelAddress, memberAddress } from '../read-model/addressing.js';
import type { Effect } from '../effects.js';
import type { Message } from './message.js';
import type { PagerDutyEvent } from './pagerduty-event.js';
import type { MemberState, PlanState } from '../read-model/plan-state.js';

/** A post to the plan's channel (or a ritual's own channel), queued under a stable key. */
export function postToChannel(
  state: PlanState,
  key: string,
  message: Message,
  at: Date,
  options: { channel?: string | null; parentKey?: string } = {},
): Effect {
  const address = channelAddress(state, options.channel);
  return {
    type: 'outbox',
    draft: {
      idempotencyKey: key,
      ...address,
      message,
      notBefore: at,
      workspaceId: state.plan.workspace.id,
      ...(options.parentKey ? { parentKey: options.parentKey } : {}),
    },
  };
}

/**
 * A direct message to one member, wherever they are linked. A member of a Slack or Teams plan who
 * is linked nowhere cannot be DMed: the message goes to the plan's channel instead, naming them
 * and saying how to link, so an escalation is seen rather than queued for nobody.
 */
export function directMessage(
  state: PlanState,
  member: MemberState,
  key: string,
  message: Message,
  at: Date,
  options: { parentKey?: string } = {},
): Effect {
  const address = memberAddress(state, member);
  if (address.platform === 'console' && state.plan.workspace.platform !== 'console') {
    const note = `For ${member.displayName}, who is not linked to a ${state.plan.workspace.platform === 'slack' ? 'Slack' : 'Teams'} account yet (\`link "${member.displayName}"\`):`;
    return postToChannel(
      state,
      `${key}:${member.id}`,
      { ...message, text: `${note} ${message.text}`, blocks: [{ type: 'context', text: note }, ...message.blocks] },
      at,
      options,
    );
  }
  // A DM on another platform than the plan's (one ladder across Slack and Teams) belongs to no workspace of ours.
  const workspace = address.platform === state.plan.workspace.platform ? { workspaceId: state.plan.workspace.id } : {};
  return {
    type: 'outbox',
    draft: {
      idempotencyKey: `${key}:${member.id}`,
      ...address,
      message,
      notBefore: at,
      ...workspace,
      ...(options.parentKey ? { parentKey: options.parentKey } : {}),
    },
  };
}

/** A PagerDuty event about one blocker; queued per blocker so its trigger, acknowledge and resolve keep their order. */
export function pagerDutyDraft(key: string, event: PagerDutyEvent, at: Date): Effect {
  return {
    type: 'outbox',
    draft: { idempotencyKey: key, platform: 'pagerduty', target: event.dedup_key, message: event, notBefore: at },
  };
}

/** The outbox key of a blocker's PagerDuty event: one trigger per paging tier, one acknowledge, one resolve. */
export function pagerDutyKey(blockerId: string, action: 'trigger' | 'acknowledge' | 'resolve', tier?: number): string {
  return `pagerduty:${blockerId}:${action}${tier === undefined ? '' : `:${tier}`}`;
}

/** The outbox key of an occurrence's post; replies and reminders thread under it. */
export function occurrenceKey(ritualId: string, scheduledAt: Date): string {
  return `occurrence:${ritualId}:${scheduledAt.toISOString()}`;
}

/** The outbox key prefix every message about an occurrence starts with (its post, DM prompts, reminders). */
export const OCCURRENCE_KEY_PREFIX = 'occurrence:';

/** The occurrence a message's key names (its post, a DM prompt, a reminder), or null for any other key. */
export function occurrenceOfKey(key: string): { ritualId: string; scheduledAt: Date } | null {
  const match = /^occurrence:([0-9a-f-]{36}):(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)(?::|$)/i.exec(key);
  return match ? { ritualId: match[1]!, scheduledAt: new Date(match[2]!) } : null;
}
