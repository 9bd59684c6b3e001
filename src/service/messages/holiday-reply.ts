import type { IsoDate } from '../../domain/types.js';
import type { PlanHoliday } from '../read-model/plan-state.js';
import { formatDate, taskLabel, type TaskRef } from './format.js';
import { composeMessage } from './limits.js';
import type { Message, MessageBlock } from './message.js';

export interface HolidayReplyInput {
  planName: string;
  today: IsoDate;
  /** The plan document's holidays. */
  document: readonly IsoDate[];
  /** Holidays added in chat, after the change. */
  chat: readonly PlanHoliday[];
  added?: PlanHoliday & { workingDay: boolean; moved: readonly (TaskRef & { to: IsoDate })[] };
  removed?: IsoDate;
}

/** What `/plan holiday` says: the change, the tasks it moved, and the plan's holidays from today on. */
export function holidayReply(input: HolidayReplyInput): Message {
  const blocks: MessageBlock[] = [];
  const lines: string[] = [];
  if (input.added) {
    const { added } = input;
    const name = added.name ? ` (${added.name})` : '';
    const headline = `New plan-wide holiday on ${input.planName}: ${formatDate(added.date)}${name}. No stand-up or triage that day${added.workingDay ? '' : ' (it was not a working day anyway)'}.`;
    lines.push(headline);
    blocks.push({ type: 'section', text: headline });
    if (added.moved.length === 0) {
      blocks.push({ type: 'section', text: 'No open task was due that day.' });
    } else {
      blocks.push({ type: 'section', text: '*Moved to the next working day:*' });
      blocks.push({
        type: 'list',
        items: added.moved.map((task) => `${taskLabel(task)}: ${formatDate(added.date)} → ${formatDate(task.to)}`),
      });
      lines.push(`Moved: ${added.moved.map((task) => `${task.key} → ${formatDate(task.to)}`).join(', ')}.`);
    }
  }
  if (input.removed) {
    const headline = `${formatDate(input.removed)} is no longer a holiday on ${input.planName}. Tasks moved off it keep their new dates.`;
    lines.push(headline);
    blocks.push({ type: 'section', text: headline });
  }
  const ahead = [
    ...input.document.filter((date) => date >= input.today).map((date) => ({ date, name: null, from: 'plan' })),
    ...input.chat.filter((h) => h.date >= input.today).map((h) => ({ ...h, from: 'chat' })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (ahead.length === 0) {
    blocks.push({ type: 'section', text: 'No holidays ahead on this plan.' });
    lines.push('No holidays ahead.');
  } else {
    blocks.push({ type: 'section', text: `*Holidays ahead on ${input.planName}:*` });
    blocks.push({
      type: 'list',
      items: ahead.map(
        (h) =>
          `${formatDate(h.date)}${h.name ? ` ${h.name}` : ''} · ${h.from === 'plan' ? 'in the plan document' : 'added in chat'}`,
      ),
    });
    lines.push(`Holidays ahead: ${ahead.map((h) => formatDate(h.date)).join(', ')}.`);
  }
  // A change is the team's news (posted where it was asked); a listing is only the asker's.
  const changed = input.added !== undefined || input.removed !== undefined;
  return composeMessage('reply', lines.join(' '), blocks, changed ? {} : { ephemeral: true });
}
