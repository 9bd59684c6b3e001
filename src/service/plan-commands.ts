import { DateTime } from 'luxon';
import { nextFiring } from './ritual-firing.js';
import type { CommandHandler } from './command-handler.js';
import { COMMAND_NAMES, COMMAND_SPECS, usageOf } from './command.js';
import { formatDate, formatDateTime, plural, taskLabel } from './messages/format.js';
import { composeMessage } from './messages/limits.js';
import type { Message } from './message.js';
import { triageList } from './posts/ritual-post-builders.js';
import { rankedBlockers } from './ritual-posts.js';
import { requireMember } from './task-commands.js';

export { replanCommand } from './replan-command.js';
export { linkCommand } from './link-command.js';

/** Usage of every command; lead-only ones are marked so members know why they are refused. */
export function helpReply(topic?: (typeof COMMAND_NAMES)[number]): Message {
  const names = topic ? [topic] : COMMAND_NAMES;
  const lines = names.map((name) => `\`${usageOf(name)}\` — ${COMMAND_SPECS[name].summary}${COMMAND_SPECS[name].leadOnly ? ' _(leads and sponsors)_' : ''}`);
  return composeMessage('reply', 'planbot commands', [{ type: 'header', text: 'planbot commands' }, { type: 'list', items: lines }], { ephemeral: true });
}

export const helpCommand: CommandHandler<'help'> = ({ command }) => ({ reply: helpReply(command.args.topic), effects: [] });

/** `today`: the asker's tasks due today and overdue ones. */
export const todayCommand: CommandHandler<'today'> = ({ view, actor, now }) => {
  const member = requireMember(actor);
  const date = view.today(now);
  const mine = view.openTasks().filter((t) => t.ownerId === member.id);
  const today = mine.filter((t) => t.dueDate === date);
  const overdue = mine.filter((t) => t.dueDate < date);
  const next = mine.filter((t) => t.dueDate > date).slice(0, 3);
  const items = [
    ...today.map((t) => `today: ${taskLabel(t)}${t.deliverable ? ` — ${t.deliverable}` : ''}`),
    ...overdue.map((t) => `overdue: ${taskLabel(t)} (due ${formatDate(t.dueDate)})`),
  ];
  const text = `${member.displayName}, ${formatDate(date)}: ${plural(today.length, 'task')} today, ${overdue.length} overdue`;
  return {
    reply: composeMessage('reply', text, [
      { type: 'section', text: `*${text}*` },
      ...(items.length ? [{ type: 'list' as const, items }] : [{ type: 'section' as const, text: 'Nothing due today.' }]),
      ...(next.length ? [{ type: 'context' as const, text: `Next: ${next.map((t) => `${t.key} (${formatDate(t.dueDate)})`).join(', ')}` }] : []),
    ], { ephemeral: true }),
    effects: [],
  };
};

/** `status`: where the whole plan stands. */
export const statusCommand: CommandHandler<'status'> = ({ view, now }) => {
  const date = view.today(now);
  const tasks = view.state.tasks.filter((t) => t.status !== 'cancelled');
  const done = tasks.filter((t) => t.status === 'done').length;
  const late = tasks.filter((t) => t.status !== 'done' && t.dueDate < date);
  const blockers = view.state.blockers.filter((b) => b.status !== 'resolved');
  const text = `${view.state.plan.name}: ${done}/${tasks.length} tasks done, ${late.length} late, ${plural(blockers.length, 'open blocker')}`;
  return {
    reply: composeMessage('reply', text, [
      { type: 'header', text: view.state.plan.name },
      {
        type: 'fields',
        fields: [
          { label: 'Plan day', value: `${view.calendar.planDayOf(date)} (${formatDate(date)})` },
          { label: 'Done', value: `${done} of ${tasks.length}` },
          { label: 'Late', value: String(late.length) },
          { label: 'Open blockers', value: String(blockers.length) },
          { label: 'Version', value: String(view.state.plan.version) },
          { label: 'Members', value: String(view.state.members.length) },
        ],
      },
      ...(late.length ? [{ type: 'list' as const, items: late.slice(0, 20).map((t) => `${taskLabel(t)} — due ${formatDate(t.dueDate)}, ${view.member(t.ownerId)?.displayName ?? 'unowned'}`) }] : []),
    ]),
    effects: [],
  };
};

/** `blockers` (leads): open blockers ranked by downstream impact, with their buttons. */
export const blockersCommand: CommandHandler<'blockers'> = ({ view, now }) => ({
  reply: triageList('reply', { title: `Open blockers · ${view.state.plan.name}`, entries: rankedBlockers(view, view.today(now)), now }),
  effects: [],
});

/** `schedule`: the next firing of each ritual, in the asker's own zone when they have one. */
export const scheduleCommand: CommandHandler<'schedule'> = ({ view, actor, now }) => {
  const zone = actor?.timezone ?? view.zone;
  const items = view.state.rituals
    .filter((r) => r.active)
    .map((r) => {
      const next = r.nextRunAt && r.nextRunAt > now ? r.nextRunAt : nextFiring(view, r, now);
      return `${r.kind.replace('_', ' ')}: ${next ? formatDateTime(next, zone) : 'no more firings'} (${r.localTime} ${r.timezone})`;
    });
  const text = `Next firings in ${zone}`;
  return { reply: composeMessage('reply', text, [{ type: 'section', text: `*${text}* (${DateTime.fromJSDate(now, { zone }).toFormat('ZZZZ')})` }, { type: 'list', items }], { ephemeral: true }), effects: [] };
};
