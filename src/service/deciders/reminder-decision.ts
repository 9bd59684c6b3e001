import { memberMention, mention } from '../read-model/addressing.js';
import { withMentions } from '../messages/mentions.js';
import type { Effect } from '../effects.js';
import { directMessage, postToChannel } from '../messages/outbox-drafts.js';
import { standupReminder } from '../messages/standup-reminder.js';
import type { PlanView } from '../read-model/plan-view.js';
import { occurrenceKey } from '../messages/outbox-drafts.js';
import { standupAsked } from './standup-asked.js';

/**
 * One reminder per stand-up, in its thread (or in each DM), naming those it asked (standup-asked.ts:
 * owners with work today, or everyone) who have not answered.
 */
export function decideReminder(
  view: PlanView,
  occurrence: { id: string; ritualId: string; scheduledAt: Date },
  replied: string[],
  now: Date,
): Effect[] {
  const date = view.today(occurrence.scheduledAt);
  const ritual = view.state.rituals.find((r) => r.id === occurrence.ritualId);
  const pending = standupAsked(view, ritual ?? {}, date)
    .map((asked) => asked.member)
    .filter((m) => !replied.includes(m.id));
  const effects: Effect[] = [{ type: 'occurrence.reminded', occurrenceId: occurrence.id, at: now }];
  if (pending.length === 0) return effects;
  const parentKey = occurrenceKey(occurrence.ritualId, occurrence.scheduledAt);
  if (ritual?.dm) {
    // Each owner was prompted by DM: remind them there, under their own prompt.
    for (const member of pending) {
      const reminder = withMentions(
        standupReminder({
          planName: view.state.plan.name,
          date,
          pending: [mention(view.state, member)],
          updateRef: parentKey,
        }),
        [memberMention(view.state, member)],
      );
      effects.push(
        directMessage(view.state, member, `${parentKey}:reminder`, reminder, now, {
          parentKey: `${parentKey}:${member.id}`,
        }),
      );
    }
    return effects;
  }
  effects.push(
    postToChannel(
      view.state,
      `${parentKey}:reminder`,
      withMentions(
        standupReminder({
          planName: view.state.plan.name,
          date,
          pending: pending.map((m) => mention(view.state, m)),
          updateRef: parentKey,
        }),
        pending.map((m) => memberMention(view.state, m)),
      ),
      now,
      { channel: ritual?.channel ?? null, parentKey },
    ),
  );
  return effects;
}
