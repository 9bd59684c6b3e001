import type { IsoDate } from '../../domain/types.js';
import type { Message, MessageBlock } from './message.js';
import { formatDate, plural, taskLabel, type TaskRef } from './format.js';
import { clampText, composeMessage, fitGroups, joinWithin, MAX_TEXT } from './limits.js';

export const DEFAULT_STANDUP_QUESTIONS: readonly string[] = [
  'What did you get done since the last stand-up?',
  'What are you doing today?',
  'Is anything blocking you?',
];

export interface StandupOwner {
  /** How to address them, decided by the caller: `<@U123>` on Slack, `@Sam Jackson` elsewhere. */
  mention: string;
  dueToday: readonly TaskRef[];
  /** Still open after their due day; `daysLate` in business days. */
  overdue: readonly (TaskRef & { daysLate: number })[];
}

export interface StandupPromptInput {
  planName: string;
  /** The stand-up's local date in the plan's zone. */
  date: IsoDate;
  owners: readonly StandupOwner[];
  /** Members off today: named so the team knows, never prompted. */
  off?: readonly string[];
  /** The ritual's own questions; the defaults when empty. */
  questions?: readonly string[];
  /** Carried by the "Post update" button so the answer lands on this stand-up. */
  updateRef: string;
}

function ownerText(owner: StandupOwner): string {
  const lines = [
    ...owner.dueToday.map((task) => `• Due today: ${taskLabel(task)}`),
    ...owner.overdue.map((task) => `• Overdue: ${taskLabel(task)} (${plural(task.daysLate, 'day')} late)`),
  ];
  if (lines.length === 0) lines.push('• Nothing due today');
  const head = `${owner.mention}`;
  // An owner with a hundred tasks still gets one block: cut the lines, keep the count.
  const kept: string[] = [];
  let length = head.length;
  for (const [index, line] of lines.entries()) {
    if (length + line.length + 40 > MAX_TEXT) {
      kept.push(`• …and ${lines.length - index} more: see \`/plan today\``);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return [head, ...kept].join('\n');
}

/** The daily stand-up: each owner with today's tasks and what is overdue, then the questions. */
export function standupPrompt(input: StandupPromptInput): Message {
  const questions =
    input.questions !== undefined && input.questions.length > 0 ? input.questions : DEFAULT_STANDUP_QUESTIONS;
  const title = `Stand-up · ${input.planName}`;
  const head: MessageBlock[] = [
    { type: 'header', text: title },
    { type: 'context', text: formatDate(input.date) },
  ];
  const tail: MessageBlock[] = [
    {
      type: 'section',
      text: clampText(
        `*Reply in this thread or with the button:*\n${questions.map((question, index) => `${index + 1}. ${question}`).join('\n')}\n_Format: did: … doing: … blockers: … (or "blockers: none")_`,
      ),
    },
  ];
  const off = input.off ?? [];
  if (off.length > 0) tail.push({ type: 'context', text: `Off today: ${joinWithin(off, MAX_TEXT - 20)}` });
  tail.push({
    type: 'actions',
    actions: [{ id: 'standup_update', label: 'Post update', value: input.updateRef, style: 'primary' }],
  });

  const blocks =
    input.owners.length === 0
      ? [...head, { type: 'section' as const, text: 'No tasks due today and nothing overdue.' }, ...tail]
      : fitGroups({
          head,
          groups: input.owners.map((owner) => [{ type: 'section' as const, text: ownerText(owner) }]),
          tail,
          // Everyone left out is still mentioned, so nobody misses the prompt.
          summarise: (hidden) =>
            `…and ${plural(hidden, 'more person', 'more people')} with work today: ${joinWithin(
              input.owners.slice(input.owners.length - hidden).map((owner) => owner.mention),
              MAX_TEXT - 200,
            )}. Use \`/plan today\` to see your tasks.`,
        });
  const tasks = input.owners.reduce((sum, owner) => sum + owner.dueToday.length, 0);
  const overdue = input.owners.reduce((sum, owner) => sum + owner.overdue.length, 0);
  const text = `${title} for ${formatDate(input.date)}: ${plural(tasks, 'task')} due today, ${overdue} overdue.`;
  return composeMessage('standup_prompt', text, blocks);
}
