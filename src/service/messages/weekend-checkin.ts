import type { IsoDate } from '../../domain/types.js';
import type { Message, MessageBlock } from './message.js';
import { formatDate, plural, taskLabel, type TaskRef } from './format.js';
import { composeMessage, fitGroups, joinWithin, MAX_TEXT } from './limits.js';

export interface CheckinPerson {
  mention: string;
  bufferTasks: readonly TaskRef[];
  openBlockers: readonly { number: number; summary: string }[];
}

export interface WeekendCheckinInput {
  planName: string;
  /** The buffer day. */
  date: IsoDate;
  /** The working day the swap rule looks back on. */
  previousWorkingDay: IsoDate;
  /** Open at the close of the previous working day, plan-wide. */
  openBlockers: number;
  overdueTasks: number;
  /** Everyone may be passed; only those with buffer-day work or open blockers are mentioned. */
  people: readonly CheckinPerson[];
  /** The plan's own wording of the swap rule, quoted for context. */
  swapRule?: string;
}

export type SwapDecision = 'pull_forward' | 'stabilise';

/** The plan's swap rule: a clean close (nothing open, nothing late) frees the buffer day for backlog. */
export function swapDecision(input: Pick<WeekendCheckinInput, 'openBlockers' | 'overdueTasks'>): SwapDecision {
  return input.openBlockers === 0 && input.overdueTasks === 0 ? 'pull_forward' : 'stabilise';
}

function decisionText(input: WeekendCheckinInput): string {
  const day = formatDate(input.previousWorkingDay);
  if (swapDecision(input) === 'pull_forward') {
    return `*Swap rule: pull forward.* ${day} closed cleanly (no open blockers, nothing overdue), so owners may pull forward backlog items.`;
  }
  const why = `${plural(input.openBlockers, 'open blocker')} / ${plural(input.overdueTasks, 'overdue task')}`;
  return `*Swap rule: stabilise.* ${day} did not close cleanly (${why}), so today is for stabilising open issues, not pulling work forward.`;
}

function personText(person: CheckinPerson): string {
  const lines = [
    ...person.bufferTasks.map((task) => `• Buffer-day work: ${taskLabel(task)}`),
    ...person.openBlockers.map((blocker) => `• Open blocker *#${blocker.number}* ${blocker.summary}`),
  ];
  return [person.mention, ...lines].join('\n');
}

/** The async weekend check-in: who has something on the buffer day, and what the swap rule says. */
export function weekendCheckin(input: WeekendCheckinInput): Message {
  const title = `Weekend check-in · ${input.planName}`;
  const people = input.people.filter((person) => person.bufferTasks.length > 0 || person.openBlockers.length > 0);
  const head: MessageBlock[] = [
    { type: 'header', text: title },
    { type: 'context', text: `${formatDate(input.date)} · buffer day` },
    { type: 'section', text: decisionText(input) },
  ];
  if (input.swapRule) head.push({ type: 'context', text: `Plan rule: ${input.swapRule}` });
  const tail: MessageBlock[] = [
    { type: 'context', text: 'Reply in this thread with what you picked up, or "blockers: …" if something is stuck.' },
  ];
  const blocks =
    people.length === 0
      ? [
          ...head,
          { type: 'section' as const, text: 'Nobody has buffer-day work or an open blocker. Enjoy the weekend.' },
        ]
      : fitGroups({
          head,
          groups: people.map((person) => [{ type: 'section' as const, text: personText(person) }]),
          tail,
          summarise: (hidden) =>
            `…and ${plural(hidden, 'more person', 'more people')}: ${joinWithin(
              people.slice(people.length - hidden).map((person) => person.mention),
              MAX_TEXT - 100,
            )}.`,
        });
  const decision = swapDecision(input) === 'pull_forward' ? 'pull forward backlog' : 'stabilise open issues';
  return composeMessage('weekend_checkin', `${title} (${formatDate(input.date)}): ${decision}.`, blocks);
}
