import { formatDate, formatDuration, plural, relativeDays, taskLabel } from '../messages/format.js';
import { composeMessage, fitGroups, joinWithin } from '../messages/limits.js';
import type { Message, MessageBlock } from '../message.js';

export interface OwnerDay {
  mention: string;
  today: { key: string; title: string }[];
  overdue: { key: string; title: string; dueDate: string; businessDaysLate: number }[];
}

/** The daily stand-up: each owner's tasks for today and what is overdue, and how to answer. */
export function standupPrompt(input: { planName: string; date: string; owners: OwnerDay[]; off: string[]; questions: string[]; occurrenceKey: string }): Message {
  const text = `Stand-up for ${input.planName}, ${formatDate(input.date)}: ${plural(input.owners.length, 'owner')} with work today`;
  const groups = input.owners.map((owner): MessageBlock[] => [
    {
      type: 'section',
      text: [
        `${owner.mention}${owner.today.length ? `: ${owner.today.map(taskLabel).join('; ')}` : ''}`,
        ...owner.overdue.map((t) => `  overdue: ${taskLabel(t)} (due ${formatDate(t.dueDate)}, ${plural(t.businessDaysLate, 'business day')} late)`),
      ].join('\n'),
    },
  ]);
  const questions = input.questions.length ? input.questions : ['What did you finish?', 'What are you doing today?', 'Anything blocking you?'];
  return composeMessage(
    'standup_prompt',
    text,
    fitGroups({
      head: [{ type: 'header', text: `Stand-up · ${formatDate(input.date)}` }, ...(input.owners.length === 0 ? [{ type: 'section' as const, text: 'No tasks are due today.' }] : [])],
      groups,
      tail: [
        ...(input.off.length ? [{ type: 'context' as const, text: `Off today: ${joinWithin(input.off)}` }] : []),
        { type: 'context', text: `${questions.join(' · ')}\nReply in this thread (\`did: … doing: … blockers: …\`) or use the button.` },
        { type: 'actions', actions: [{ id: 'standup_update', label: 'Post update', value: input.occurrenceKey, style: 'primary' }] },
      ],
      summarise: (hidden) => `…and ${plural(hidden, 'more owner')}; \`/plan today\` shows yours.`,
    }),
  );
}

export function standupReminder(input: { pending: string[]; date: string }): Message {
  const text = `Reminder: stand-up answers still missing from ${joinWithin(input.pending)}`;
  return composeMessage('standup_reminder', text, [{ type: 'section', text: `${text} (${formatDate(input.date)}). Late answers count until the next stand-up.` }]);
}

/** The buffer-day check-in: who has buffer work or open blockers, and which way the swap rule goes today. */
export function weekendCheckin(input: { date: string; mentions: string[]; clean: boolean; openBlockers: number; overdueTasks: number; swapRule?: string | undefined }): Message {
  const decision = input.clean
    ? 'The previous working day closed cleanly: owners may *pull forward* backlog items.'
    : `The previous working day did not close cleanly (${plural(input.openBlockers, 'open blocker')}, ${plural(input.overdueTasks, 'overdue task')}): *stabilise* open issues before new work.`;
  const text = `Buffer-day check-in ${formatDate(input.date)}: ${input.clean ? 'pull forward backlog' : 'stabilise open issues'}`;
  return composeMessage('weekend_checkin', text, [
    { type: 'header', text: `Buffer-day check-in · ${formatDate(input.date)}` },
    { type: 'section', text: decision },
    ...(input.swapRule ? [{ type: 'context' as const, text: `Swap rule: ${input.swapRule}` }] : []),
    { type: 'section', text: input.mentions.length ? `${joinWithin(input.mentions)}: reply in this thread with what you will take on.` : 'Nobody has buffer-day work or open blockers: enjoy the weekend.' },
  ]);
}

export interface TriageEntry {
  id: string;
  number: number;
  summary: string;
  status: string;
  owner: string;
  task?: string | undefined;
  openedAt: Date;
  dependants: number;
  milestone?: { name: string; days: number } | undefined;
}

/** Open blockers ranked by downstream impact, each with the buttons that act on it. */
export function triageList(kind: 'triage' | 'reply', input: { title: string; entries: TriageEntry[]; now: Date }): Message {
  const text = `${input.title}: ${plural(input.entries.length, 'open blocker')}`;
  const groups = input.entries.map((b, index): MessageBlock[] => [
    {
      type: 'section',
      text: `${index + 1}. *#${b.number}* ${b.summary}${b.status === 'acknowledged' ? ' _(acknowledged)_' : ''}\n${b.task ? `${b.task} · ` : ''}owner ${b.owner} · open ${formatDuration(b.openedAt, input.now)} · blocks ${plural(b.dependants, 'task')}${b.milestone ? ` · threatens ${b.milestone.name} ${relativeDays(b.milestone.days)}` : ''}`,
    },
    {
      type: 'actions',
      actions: [
        { id: 'blocker_ack', label: 'Acknowledge', value: b.id },
        { id: 'blocker_resolve', label: 'Resolve', value: b.id, style: 'primary' },
        { id: 'blocker_escalate', label: 'Escalate', value: b.id, style: 'danger' },
      ],
    },
  ]);
  return composeMessage(
    kind,
    text,
    fitGroups({
      head: [{ type: 'header', text: input.title }, ...(input.entries.length === 0 ? [{ type: 'section' as const, text: 'No open blockers.' }] : [])],
      groups,
      summarise: (hidden) => `…and ${plural(hidden, 'lower-impact blocker')} not shown.`,
      maxGroups: 15,
    }),
  );
}

export function syncReminder(input: { planName: string; at: string }): Message {
  const text = `Sync for ${input.planName} now (${input.at}).`;
  return composeMessage('sync_reminder', text, [{ type: 'section', text: `${text} Bring your blockers and the next milestone's risks.` }]);
}

export interface MemoInput {
  planName: string;
  from: string;
  to: string;
  planned: number;
  done: number;
  slipped: { key: string; title: string }[];
  moved: { key: string; from: string; to: string }[];
  openBlockers: number;
  rebaseline?: string | undefined;
}

/** The weekly variance memo: planned against done, what slipped or moved, and a re-baseline call when the rule fires. */
export function weeklyMemo(input: MemoInput): Message {
  const text = `Weekly memo ${input.planName}: ${input.done}/${input.planned} planned tasks done, ${plural(input.slipped.length, 'slip')}`;
  return composeMessage('weekly_memo', text, [
    { type: 'header', text: `Weekly memo · ${formatDate(input.from)} – ${formatDate(input.to)}` },
    {
      type: 'fields',
      fields: [
        { label: 'Planned', value: String(input.planned) },
        { label: 'Done', value: String(input.done) },
        { label: 'Slipped', value: String(input.slipped.length) },
        { label: 'Open blockers', value: String(input.openBlockers) },
      ],
    },
    ...(input.slipped.length ? [{ type: 'section' as const, text: '*Slipped*' }, { type: 'list' as const, items: input.slipped.map((t) => `${t.key} · ${t.title}`) }] : []),
    ...(input.moved.length ? [{ type: 'section' as const, text: '*Moved*' }, { type: 'list' as const, items: input.moved.map((m) => `${m.key}: ${formatDate(m.from)} → ${formatDate(m.to)}`) }] : []),
    { type: 'section', text: input.rebaseline ? `*Re-baseline suggested:* ${input.rebaseline}.` : 'No re-baseline needed.' },
  ]);
}
