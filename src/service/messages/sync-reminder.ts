import type { Message } from './message.js';
import { formatDateTime, type Instant } from './format.js';
import { clampText, composeMessage, joinWithin } from './limits.js';

export interface SyncReminderInput {
  planName: string;
  /** The ritual's name, e.g. "Weekly sync". */
  title?: string;
  at: Instant;
  /** The plan's zone. */
  zone: string;
  attendees?: readonly string[];
  /** The ritual's questions, used as the agenda. */
  agenda?: readonly string[];
}

export function syncReminder(input: SyncReminderInput): Message {
  const title = input.title ?? 'Sync';
  const when = formatDateTime(input.at, input.zone);
  const lines = [`*${title}* for ${input.planName} at ${when}.`];
  if (input.attendees && input.attendees.length > 0) lines.push(`With ${joinWithin(input.attendees, 1500)}.`);
  const blocks = [{ type: 'section' as const, text: clampText(lines.join('\n')) }];
  const agenda = input.agenda ?? [];
  return composeMessage(
    'sync_reminder',
    `${title} for ${input.planName} at ${when}.`,
    agenda.length === 0
      ? blocks
      : [...blocks, { type: 'section', text: '*Agenda*' }, { type: 'list', items: [...agenda] }],
  );
}
