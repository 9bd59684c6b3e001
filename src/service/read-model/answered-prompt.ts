import { OCCURRENCE_KEY_PREFIX, occurrenceOfKey } from '../messages/outbox-drafts.js';
import type { DeliveredMessages } from '../ports/delivered-messages.js';
import type { PlanStore } from '../ports/plan-store.js';
import { isAnswered, type OccurrenceRef } from './occurrence-ref.js';
import type { ChatPlatform } from './platform.js';

// A DM prompt is answerable for a day: the next stand-up replaces it.
const DM_PROMPT_WINDOW_MS = 24 * 3_600_000;

/** Where a chat message was written: in the thread of a post, and/or in a DM with its author. */
export interface AnswerPlace {
  platform: ChatPlatform;
  /** The platform reference of the post the message replies to (a Slack thread_ts). */
  threadRef?: string;
  /** The author, when the message is a DM to planbot. */
  dmUser?: string;
}

/**
 * Which prompt a chat message answers, if any. People talk in threads and DMs all day; only a
 * reply in the thread of a stand-up or check-in post, or a DM from someone planbot prompted by DM
 * in the last day, answers one. The answer attaches to that occurrence, so a reply to Saturday's
 * check-in never overwrites Friday's stand-up answer.
 */
export async function findAnsweredPrompt(
  ports: { delivered: DeliveredMessages; store: Pick<PlanStore, 'findOccurrence'> },
  place: AnswerPlace,
  now: Date,
): Promise<OccurrenceRef | null> {
  if (place.threadRef) {
    const post = await ports.delivered.byPlatformRef(place.platform, place.threadRef);
    const prompt = post ? await answeredOccurrence(ports.store, post.idempotencyKey) : null;
    if (prompt) return prompt;
  }
  if (!place.dmUser) return null;
  const since = new Date(now.getTime() - DM_PROMPT_WINDOW_MS);
  const dm = await ports.delivered.latestSentTo(place.platform, place.dmUser, since, OCCURRENCE_KEY_PREFIX);
  return dm ? answeredOccurrence(ports.store, dm.idempotencyKey) : null;
}

async function answeredOccurrence(
  store: Pick<PlanStore, 'findOccurrence'>,
  key: string,
): Promise<OccurrenceRef | null> {
  const named = occurrenceOfKey(key);
  const occurrence = named ? await store.findOccurrence(named) : null;
  return occurrence && isAnswered(occurrence.kind) ? occurrence : null;
}
