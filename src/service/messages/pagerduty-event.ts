import { clampText } from '../../domain/text-clamp.js';
import { formatDuration } from './format.js';

/**
 * A PagerDuty Events API v2 event as planbot queues it: everything but the routing key, which the
 * sender adds from config at delivery time so no key is ever written to the outbox (or its logs).
 * One incident per blocker: `dedup_key` is the blocker id, so a second paging tier, a retry or a
 * duplicate delivery folds into the same incident, and `acknowledge` / `resolve` find it.
 * https://developer.pagerduty.com/docs/events-api-v2/trigger-events/
 */
export type PagerDutyEvent = PagerDutyTrigger | PagerDutyFollowUp;

export interface PagerDutyTrigger {
  event_action: 'trigger';
  dedup_key: string;
  client: string;
  payload: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp: string;
    component?: string;
    group: string;
    class: string;
    custom_details: { [key: string]: string | number | null };
  };
}

export interface PagerDutyFollowUp {
  event_action: 'acknowledge' | 'resolve';
  dedup_key: string;
}

// PagerDuty refuses summaries longer than 1024 characters (HTTP 400): truncate rather than lose the page,
// counted in UTF-16 units and cut between grapheme clusters so an emoji at the cut is not left broken.
const MAX_SUMMARY = 1024;

export interface PagerDutyTriggerInput {
  planName: string;
  blocker: { id: string; number: number; summary: string; openedAt: Date };
  task: { key: string; title: string } | null;
  owner: string | null;
  reportedBy: string | null;
  tier: { number: number; label?: string };
  /** The schedule or service the plan names for this tier ("AIML-Auto"), for whoever reads the incident. */
  schedule?: string;
  now: Date;
}

/** The page for a blocker that climbed to a PagerDuty tier. */
export function pagerDutyTrigger(input: PagerDutyTriggerInput): PagerDutyTrigger {
  const on = input.task ? ` on ${input.task.key} (${input.task.title})` : '';
  const summary = `[${input.planName}] Blocker #${input.blocker.number}${on}: ${input.blocker.summary}`;
  return {
    event_action: 'trigger',
    dedup_key: input.blocker.id,
    client: 'planbot',
    payload: {
      summary: clampText(summary, MAX_SUMMARY),
      source: 'planbot',
      // "error": a blocked plan needs a person soon but is not an outage; plans that want
      // "critical" can route by class/custom details in PagerDuty's event rules.
      severity: 'error',
      timestamp: input.now.toISOString(),
      ...(input.task ? { component: input.task.key } : {}),
      group: input.planName,
      class: 'blocker',
      custom_details: {
        plan: input.planName,
        blocker: input.blocker.number,
        task: input.task ? `${input.task.key} ${input.task.title}` : null,
        owner: input.owner,
        reported_by: input.reportedBy,
        opened_at: input.blocker.openedAt.toISOString(),
        age: formatDuration(input.blocker.openedAt, input.now),
        tier: `${input.tier.number}${input.tier.label ? ` (${input.tier.label})` : ''}`,
        ...(input.schedule ? { schedule: input.schedule } : {}),
      },
    },
  };
}

/** Acknowledge or resolve the incident a blocker's page opened. */
export function pagerDutyFollowUp(action: PagerDutyFollowUp['event_action'], blockerId: string): PagerDutyFollowUp {
  return { event_action: action, dedup_key: blockerId };
}

/** A one-line description of a queued event (transcripts, logs): never contains the routing key, which is not in the event. */
export function describePagerDutyEvent(event: PagerDutyEvent): string {
  return event.event_action === 'trigger'
    ? `PagerDuty trigger (dedup ${event.dedup_key}): ${event.payload.summary}`
    : `PagerDuty ${event.event_action} (dedup ${event.dedup_key})`;
}

/** A payload read back from the outbox (JSON) that is one of our events. */
export function isPagerDutyEvent(value: unknown): value is PagerDutyEvent {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { event_action: action, dedup_key: dedupKey, payload } = value as Record<string, unknown>;
  if (typeof dedupKey !== 'string' || dedupKey === '') return false;
  if (action === 'acknowledge' || action === 'resolve') return true;
  return (
    action === 'trigger' &&
    payload !== null &&
    typeof payload === 'object' &&
    typeof (payload as Record<string, unknown>)['summary'] === 'string'
  );
}
