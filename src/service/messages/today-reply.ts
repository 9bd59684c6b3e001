import type { IsoDate, TaskStatus } from '../../domain/types.js';
import type { Message, MessageBlock } from './message.js';
import { formatDate, plural, taskLabel, type TaskRef } from './format.js';
import { composeMessage } from './limits.js';

export interface TodayReplyInput {
  /** The asker's local date. */
  date: IsoDate;
  dueToday: readonly (TaskRef & { status: TaskStatus })[];
  overdue: readonly (TaskRef & { daysLate: number })[];
  /** The next few tasks after today, so an empty day is not a dead end. */
  upcoming?: readonly (TaskRef & { dueDate: IsoDate })[];
  openBlockers?: readonly { number: number; summary: string; taskKey: string | null }[];
  /** The asker is off today. */
  off?: boolean;
}

const STATUS: Record<TaskStatus, string> = {
  todo: 'to do',
  in_progress: 'in progress',
  blocked: 'blocked',
  done: 'done',
  cancelled: 'cancelled',
};

/** `/plan today`: the asker's own tasks, only for them. */
export function todayReply(input: TodayReplyInput): Message {
  const date = formatDate(input.date);
  const blocks: MessageBlock[] = [
    { type: 'section', text: `*Your plan for ${date}*${input.off ? ' (you are off today)' : ''}` },
  ];
  if (input.dueToday.length > 0) {
    blocks.push(
      { type: 'section', text: '*Due today*' },
      { type: 'list', items: input.dueToday.map((task) => `${taskLabel(task)} · ${STATUS[task.status]}`) },
    );
  } else {
    blocks.push({ type: 'section', text: 'Nothing due today.' });
  }
  if (input.overdue.length > 0) {
    blocks.push(
      { type: 'section', text: '*Overdue*' },
      { type: 'list', items: input.overdue.map((task) => `${taskLabel(task)} · ${plural(task.daysLate, 'day')} late`) },
    );
  }
  const blockers = input.openBlockers ?? [];
  if (blockers.length > 0) {
    blocks.push(
      { type: 'section', text: '*Your open blockers*' },
      { type: 'list', items: blockers.map((b) => `#${b.number} ${b.summary}${b.taskKey ? ` (${b.taskKey})` : ''}`) },
    );
  }
  const upcoming = input.upcoming ?? [];
  if (upcoming.length > 0) {
    blocks.push({
      type: 'context',
      text: `Next: ${upcoming
        .slice(0, 5)
        .map((task) => `${taskLabel(task)} (${formatDate(task.dueDate)})`)
        .join(', ')}`,
    });
  }
  blocks.push({
    type: 'context',
    text: 'Mark one done with `/plan done <task>`; report a blocker with `/plan block <task> <what>`.',
  });
  const text = `${date}: ${plural(input.dueToday.length, 'task')} due today, ${input.overdue.length} overdue.`;
  return composeMessage('reply', text, blocks, { ephemeral: true });
}
