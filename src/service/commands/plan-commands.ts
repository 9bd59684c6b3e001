import { nextFiringOf } from '../deciders/ritual-firing.js';
import type { CommandHandler } from './command-handler.js';
import { blockersReply } from '../messages/blockers-reply.js';
import { datedMilestones } from '../../plans/milestone-dates.js';
import { daysBetween } from '../../domain/iso-date.js';
import { scheduleReply } from '../messages/schedule-reply.js';
import { statusReply } from '../messages/status-reply.js';
import { todayReply } from '../messages/today-reply.js';
import { rankedBlockers } from '../messages/ritual-posts.js';
import { requireMember } from './task-commands.js';

export { replanCommand } from './replan-command.js';
export { linkCommand } from './link-command.js';

/** `today`: the asker's tasks due today, overdue ones, what comes next and their open blockers. */
export const todayCommand: CommandHandler<'today'> = ({ view, actor, now }) => {
  const member = requireMember(actor);
  const date = view.today(now);
  const mine = view.openTasks().filter((t) => t.ownerId === member.id);
  const ref = (t: { key: string; title: string }) => ({ key: t.key, title: t.title });
  return {
    reply: todayReply({
      date,
      dueToday: mine.filter((t) => t.dueDate === date).map((t) => ({ ...ref(t), status: t.status })),
      overdue: mine
        .filter((t) => t.dueDate < date)
        .map((t) => ({ ...ref(t), daysLate: view.calendar.businessDaysBetween(t.dueDate, date) })),
      upcoming: mine
        .filter((t) => t.dueDate > date)
        .slice(0, 3)
        .map((t) => ({ ...ref(t), dueDate: t.dueDate })),
      openBlockers: view.state.blockers
        .filter(
          (b) => b.status !== 'resolved' && (b.reporterId === member.id || view.task(b.taskId)?.ownerId === member.id),
        )
        .map((b) => ({ number: b.number, summary: b.summary, taskKey: view.task(b.taskId)?.key ?? null })),
      off: view.isOff(member, date),
    }),
    effects: [],
  };
};

/** `status`: where the whole plan stands. */
export const statusCommand: CommandHandler<'status'> = ({ view, now }) => {
  const date = view.today(now);
  const tasks = view.state.tasks.filter((t) => t.status !== 'cancelled');
  const count = (status: string) => tasks.filter((t) => t.status === status).length;
  const day = view.calendar.planDayOf(date);
  const length = view.calendar.planDayOf(view.lastDay);
  const nextBuffer = view.calendar.nextBufferDay(date);
  const milestone = datedMilestones(view.state.plan.document, view.calendar).find((m) => m.date >= date);
  return {
    reply: statusReply({
      planName: view.state.plan.name,
      planVersion: view.state.plan.version,
      date,
      ...(day >= 1 && day <= length ? { day: { number: day, of: length } } : {}),
      counts: {
        total: tasks.length,
        done: count('done'),
        inProgress: count('in_progress'),
        blocked: count('blocked'),
        todo: count('todo'),
      },
      overdue: view
        .openTasks()
        .filter((t) => t.dueDate < date)
        .map((t) => ({
          key: t.key,
          title: t.title,
          owner: view.member(t.ownerId)?.displayName ?? null,
          daysLate: view.calendar.businessDaysBetween(t.dueDate, date),
        })),
      openBlockers: view.state.blockers.filter((b) => b.status !== 'resolved').length,
      nextMilestone: milestone
        ? { name: milestone.name, date: milestone.date, daysUntil: daysBetween(date, milestone.date) }
        : null,
      nextBufferDay: nextBuffer,
    }),
    effects: [],
  };
};

/** `blockers` (leads): open blockers ranked by downstream impact, with their buttons. */
export const blockersCommand: CommandHandler<'blockers'> = ({ view, now }) => ({
  reply: blockersReply({ planName: view.state.plan.name, now, blockers: rankedBlockers(view, view.today(now)) }),
  effects: [],
});

/** `schedule`: the next firing of each ritual, in the asker's own zone when they have one. */
export const scheduleCommand: CommandHandler<'schedule'> = ({ view, actor, now }) => ({
  reply: scheduleReply({
    planName: view.state.plan.name,
    askerZone: actor?.timezone ?? view.zone,
    planZone: view.zone,
    firings: view.state.rituals.flatMap((r) => {
      const at = r.active && r.nextRunAt && r.nextRunAt > now ? r.nextRunAt : nextFiringOf(view, r, now);
      return r.active && at ? [{ kind: r.kind, at }] : [];
    }),
  }),
  effects: [],
});
