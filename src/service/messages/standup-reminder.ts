import type { IsoDate } from '../../domain/types.js';
import type { Message } from './message.js';
import { formatDate } from './format.js';
import { composeMessage, joinWithin, MAX_TEXT } from './limits.js';

export interface StandupReminderInput {
  planName: string;
  date: IsoDate;
  /** Mentions of those who have not answered yet. */
  pending: readonly string[];
  /** The same value the prompt's "Post update" button carries. */
  updateRef: string;
}

/** The one reminder after the stand-up, naming only who has not answered. */
export function standupReminder(input: StandupReminderInput): Message {
  const date = formatDate(input.date);
  if (input.pending.length === 0) {
    return composeMessage('standup_reminder', `Everyone has answered the stand-up for ${date}.`);
  }
  const names = joinWithin(input.pending, MAX_TEXT - 200);
  const text = `Friendly reminder: ${names}, the ${input.planName} stand-up for ${date} is still waiting for your update. Late answers count until the next stand-up.`;
  return composeMessage('standup_reminder', `Stand-up reminder for ${date}: ${input.pending.length} still to answer.`, [
    { type: 'section', text },
    {
      type: 'actions',
      actions: [{ id: 'standup_update', label: 'Post update', value: input.updateRef, style: 'primary' }],
    },
  ]);
}
