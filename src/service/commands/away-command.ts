import { PlanError } from '../../domain/plan-error.js';
import type { TimeOffRange } from '../../domain/member-availability.js';
import { backFromTimeOff, currentAndFutureTimeOff, withTimeOff, withoutTimeOff } from '../../domain/time-off.js';
import type { Effect } from '../effects.js';
import { formatDate } from '../messages/format.js';
import { message } from '../messages/message.js';
import { directMessage } from '../messages/outbox-drafts.js';
import { formatRange, timeOffReply } from '../messages/time-off-reply.js';
import type { MemberState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';
import { readDateRange } from './chat-dates.js';
import type { CommandHandler } from './command-handler.js';
import { usageOf } from './command.js';
import { timeOffTarget } from './time-off-target.js';

/**
 * `away [who] [from [to]]`: time off, set in chat. Stand-ups and reminders skip the member on
 * those days, ladder tiers naming them pass to the next tier, and triage and the weekly memo
 * flag their work due then. With no dates it lists the time off on record.
 */
export const awayCommand: CommandHandler<'away'> = ({ view, ctx, actor, command, now, newId }) => {
  const { member, self } = timeOffTarget(view, ctx, actor, command.args);
  const today = view.today(now);
  const who = self ? 'You' : member.displayName;
  const { dates } = command.args;
  if (dates === undefined) {
    return { reply: timeOffReply({ who, self, ranges: currentAndFutureTimeOff(member.timeOff, today) }), effects: [] };
  }
  if (command.args.cancel) return cancelTimeOff(view, member, self, dates, actor?.key ?? ctx.actor.userId, now);
  const read = readDateRange(dates, now, view.zone);
  if (!read.ok) throw new PlanError('invalid_command', `${read.error} Usage: ${usageOf('away')}`);
  const range: TimeOffRange = { from: read.from, to: read.to };
  if (range.to < today)
    throw new PlanError(
      'invalid_command',
      `${formatRange(range)} is over already (today is ${formatDate(today)}); give days from today on. Nothing was changed.`,
    );
  const timeOff = withTimeOff(member.timeOff, range);
  const dueWhileAway = view
    .openTasks()
    .filter((t) => t.ownerId === member.id && range.from <= t.dueDate && t.dueDate <= range.to)
    .map((t) => ({ key: t.key, title: t.title, dueDate: t.dueDate }));
  return {
    reply: timeOffReply({
      who,
      self,
      headline: `${who} ${self ? 'are' : 'is'} away ${formatRange(range)}. Stand-ups and reminders skip ${self ? 'you' : 'them'} then, and escalation tiers naming ${self ? 'you' : 'them'} pass to the next tier.`,
      ranges: currentAndFutureTimeOff(timeOff, today),
      dueWhileAway,
    }),
    effects: [
      ...timeOffEffects(view, member, timeOff, actor?.key ?? ctx.actor.userId, 'member.away', now, range),
      // Time off set by a lead is news to the person: they hear it, and can say if it is wrong.
      ...(self
        ? []
        : [
            directMessage(
              view.state,
              member,
              `away:${member.id}:${newId()}`,
              message(
                'reply',
                `${actor?.displayName ?? 'A lead'} marked you away ${formatRange(range)} on ${view.state.plan.name}: stand-ups skip you then. If that is wrong, tell them; \`/plan away\` lists your time off.`,
              ),
              now,
            ),
          ]),
    ],
  };
};

/** `back [who]`: the time off holding today ends yesterday; time off ahead stays. */
export const backCommand: CommandHandler<'back'> = ({ view, ctx, actor, command, now }) => {
  const { member, self } = timeOffTarget(view, ctx, actor, command.args);
  const today = view.today(now);
  const who = self ? 'You' : member.displayName;
  const back = backFromTimeOff(member.timeOff, today);
  if (!back.ended) {
    return {
      reply: timeOffReply({
        who,
        self,
        headline: `${who} ${self ? 'are' : 'is'} not away today (${formatDate(today)}), so nothing changed.`,
        ranges: currentAndFutureTimeOff(member.timeOff, today),
      }),
      effects: [],
    };
  }
  return {
    reply: timeOffReply({
      who,
      self,
      headline: `Welcome back${self ? '' : `, ${member.displayName}`}: the time off ${formatRange(back.ended)} now ends before today, and stand-ups include ${self ? 'you' : 'them'} again from today. Time off ahead is kept.`,
      ranges: currentAndFutureTimeOff(back.ranges, today),
    }),
    effects: timeOffEffects(view, member, back.ranges, actor?.key ?? ctx.actor.userId, 'member.back', now, back.ended),
  };
};

/** `away cancel <date>`: the time off holding that date is taken back whole. */
function cancelTimeOff(view: PlanView, member: MemberState, self: boolean, dates: string, by: string, now: Date) {
  const read = readDateRange(dates, now, view.zone);
  if (!read.ok || read.from !== read.to)
    throw new PlanError(
      'invalid_command',
      `${read.ok ? 'Give one day of the time off to cancel.' : read.error} Usage: ${usageOf('away')}`,
    );
  const who = self ? 'You' : member.displayName;
  const cancelled = withoutTimeOff(member.timeOff, read.from);
  if (!cancelled.ended)
    throw new PlanError(
      'invalid_state',
      `${who} ${self ? 'have' : 'has'} no time off on ${formatDate(read.from)}; \`/plan away\` lists it. Nothing was changed.`,
    );
  return {
    reply: timeOffReply({
      who,
      self,
      headline: `Cancelled the time off ${formatRange(cancelled.ended)}.`,
      ranges: currentAndFutureTimeOff(cancelled.ranges, view.today(now)),
    }),
    effects: timeOffEffects(view, member, cancelled.ranges, by, 'member.away_cancelled', now, cancelled.ended),
  };
}

function timeOffEffects(
  view: PlanView,
  member: MemberState,
  timeOff: TimeOffRange[],
  by: string,
  action: string,
  now: Date,
  range: TimeOffRange,
): Effect[] {
  return [
    { type: 'member.time_off', memberId: member.id, expect: [...member.timeOff], timeOff },
    {
      type: 'audit',
      planId: view.state.plan.id,
      actor: by,
      action,
      detail: { member: member.key, from: range.from, to: range.to },
      at: now,
    },
  ];
}
