import type { Effect } from '../effects.js';
import { occurrenceKey, postToChannel } from '../messages/outbox-drafts.js';
import { standupDigest } from '../messages/standup-digest.js';
import type { PlanView } from '../read-model/plan-view.js';
import type { StoredAnswer } from '../read-model/stored-answer.js';
import { standupAsked, standupAway } from './standup-asked.js';

/**
 * The stand-up's one digest: claim it (a guarded update, so two ticks cannot both post it) and post
 * the answers in the stand-up's thread, or, for a stand-up by DM, in the channel (there is no
 * thread everyone sees). Everyone who answered is shown, even someone whose answer closed the
 * work that got them asked; those asked who have not answered are named.
 */
export function decideDigest(
  view: PlanView,
  occurrence: { id: string; ritualId: string; scheduledAt: Date },
  answers: readonly StoredAnswer[],
  now: Date,
): Effect[] {
  const claim: Effect = { type: 'occurrence.digested', occurrenceId: occurrence.id, at: now };
  const ritual = view.state.rituals.find((r) => r.id === occurrence.ritualId);
  if (!ritual) return [claim];
  const date = view.today(occurrence.scheduledAt);
  const answered = new Map(answers.map((a) => [a.memberId, a]));
  const shown = view.state.members.flatMap((member) => {
    const answer = answered.get(member.id);
    return answer
      ? [
          {
            name: member.displayName,
            did: answer.did,
            doing: answer.doing,
            blockers: answer.blockers,
            editedAt: answer.editedAt,
          },
        ]
      : [];
  });
  const missing = standupAsked(view, ritual, date)
    .filter(({ member }) => !answered.has(member.id))
    .map(({ member }) => member.displayName);
  const digest = standupDigest({
    planName: view.state.plan.name,
    date,
    zone: ritual.timezone,
    answers: shown,
    missing,
    away: standupAway(view, ritual, date).map((m) => m.displayName),
  });
  const parentKey = occurrenceKey(occurrence.ritualId, occurrence.scheduledAt);
  return [
    claim,
    postToChannel(view.state, `${parentKey}:digest`, digest, now, {
      channel: ritual.channel,
      ...(ritual.dm ? {} : { parentKey }),
    }),
  ];
}
