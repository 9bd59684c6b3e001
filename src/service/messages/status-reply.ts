import type { IsoDate } from '../../domain/types.js';
import type { Message, MessageBlock } from './message.js';
import { formatDate, plural, relativeDays, taskLabel, type TaskRef } from './format.js';
import { composeMessage } from './limits.js';

export interface StatusReplyInput {
  planName: string;
  planVersion: number;
  date: IsoDate;
  /** Plan day N of M, when the plan counts days. */
  day?: { number: number; of: number };
  counts: { total: number; done: number; inProgress: number; blocked: number; todo: number };
  overdue: readonly (TaskRef & { owner: string | null; daysLate: number })[];
  openBlockers: number;
  nextMilestone?: { name: string; date: IsoDate; daysUntil: number } | null;
  nextBufferDay?: IsoDate | null;
}

const MAX_OVERDUE = 30;

/** `/plan status`: where the plan stands today. */
export function statusReply(input: StatusReplyInput): Message {
  const { counts } = input;
  const day = input.day ? ` · day ${input.day.number} of ${input.day.of}` : '';
  const blocks: MessageBlock[] = [
    { type: 'section', text: `*${input.planName}* · ${formatDate(input.date)}${day} · version ${input.planVersion}` },
    {
      type: 'fields',
      fields: [
        { label: 'Done', value: `${counts.done} of ${counts.total}` },
        { label: 'In progress', value: String(counts.inProgress) },
        { label: 'Blocked', value: String(counts.blocked) },
        { label: 'To do', value: String(counts.todo) },
        { label: 'Overdue', value: String(input.overdue.length) },
        { label: 'Open blockers', value: String(input.openBlockers) },
      ],
    },
  ];
  if (input.overdue.length > 0) {
    const lines = input.overdue
      .slice(0, MAX_OVERDUE)
      .map((task) => `${taskLabel(task)} · ${task.owner ?? 'unassigned'} · ${plural(task.daysLate, 'day')} late`);
    if (input.overdue.length > MAX_OVERDUE) lines.push(`…and ${input.overdue.length - MAX_OVERDUE} more`);
    blocks.push({ type: 'section', text: '*Overdue*' }, { type: 'list', items: lines });
  }
  const next: string[] = [];
  if (input.nextMilestone)
    next.push(
      `next milestone *${input.nextMilestone.name}* ${relativeDays(input.nextMilestone.daysUntil)} (${formatDate(input.nextMilestone.date)})`,
    );
  if (input.nextBufferDay) next.push(`next buffer day ${formatDate(input.nextBufferDay)}`);
  if (next.length > 0) blocks.push({ type: 'context', text: next.join(' · ') });
  const text = `${input.planName}: ${counts.done}/${counts.total} done, ${input.overdue.length} overdue, ${plural(input.openBlockers, 'open blocker')}.`;
  return composeMessage('reply', text, blocks, { ephemeral: true });
}
