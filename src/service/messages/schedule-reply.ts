import type { Message } from './message.js';
import { formatDateTime, formatTime, type Instant } from './format.js';
import { composeMessage } from './limits.js';

export type ScheduledRitualKind =
  'standup' | 'weekend_checkin' | 'triage' | 'sync' | 'weekly_memo' | 'milestone_checkpoint';

export interface ScheduleReplyInput {
  planName: string;
  /** Where the asker is: every time is shown there. */
  askerZone: string;
  planZone: string;
  firings: readonly { kind: ScheduledRitualKind; name?: string; at: Instant }[];
}

/** How people call each ritual (`/plan schedule`, the home). */
export const RITUAL_LABEL: Record<ScheduledRitualKind, string> = {
  standup: 'Stand-up',
  weekend_checkin: 'Weekend check-in',
  triage: 'Blocker triage',
  sync: 'Sync',
  weekly_memo: 'Weekly memo',
  milestone_checkpoint: 'Milestone checkpoint',
};

const millis = (at: Instant): number => (at instanceof Date ? at.getTime() : at.toMillis());

/** `/plan schedule`: next firings in the asker's zone, with the plan's own time when it differs. */
export function scheduleReply(input: ScheduleReplyInput): Message {
  const firings = [...input.firings].sort((a, b) => millis(a.at) - millis(b.at));
  if (firings.length === 0) {
    return composeMessage('reply', `Nothing is scheduled for ${input.planName}.`, undefined, { ephemeral: true });
  }
  const sameZone = input.askerZone === input.planZone;
  const items = firings.map((firing) => {
    const label = firing.name ?? RITUAL_LABEL[firing.kind];
    const planTime = sameZone ? '' : ` (${formatTime(firing.at, input.planZone)} plan time)`;
    return `*${label}*: ${formatDateTime(firing.at, input.askerZone)}${planTime}`;
  });
  return composeMessage(
    'reply',
    `Next on ${input.planName}, in ${input.askerZone}: ${items.length} upcoming.`,
    [
      { type: 'section', text: `*Coming up on ${input.planName}*` },
      { type: 'list', items },
      {
        type: 'context',
        text: `Times in your zone, ${input.askerZone}.${sameZone ? '' : ` The plan runs on ${input.planZone}.`}`,
      },
    ],
    { ephemeral: true },
  );
}
