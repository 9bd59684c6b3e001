import { moveTasksOffHolidays } from '../../domain/holiday-move.js';
import { PlanError } from '../../domain/plan-error.js';
import type { IsoDate } from '../../domain/types.js';
import { planCalendarOf } from '../../plans/plan-dates.js';
import { isLead } from '../read-model/chat-context.js';
import type { Effect } from '../effects.js';
import { holidayReply } from '../messages/holiday-reply.js';
import type { MemberState, PlanHoliday } from '../read-model/plan-state.js';
import { planHolidayDates, type PlanView } from '../read-model/plan-view.js';
import { readDateAndText } from './chat-dates.js';
import type { CommandHandler } from './command-handler.js';
import { usageOf } from './command.js';

const byDate = (a: PlanHoliday, b: PlanHoliday) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * `holiday`: the plan's holidays (the document's and those added in chat). `holiday <date> [name]`
 * (leads): a plan-wide day off: no stand-up or triage, and open tasks due that day move to the
 * next working day, as the document's holidays move them at import. `holiday remove <date>` takes
 * back one added in chat; the document's own are changed in the document.
 */
export const holidayCommand: CommandHandler<'holiday'> = ({ view, ctx, actor, command, now }) => {
  const { args } = command;
  if (args.action === 'list') return { reply: holidayReply({ ...listing(view), today: view.today(now) }), effects: [] };
  requireLead(actor, args.action);
  const read = readDateAndText(args.text, now, view.zone);
  if (!read.ok) throw new PlanError('invalid_command', `${read.error} Usage: ${usageOf('holiday')}`);
  const by = actor?.key ?? ctx.actor.userId;
  return args.action === 'add'
    ? addHoliday(view, { date: read.date, name: read.rest === '' ? null : read.rest.slice(0, 120) }, by, now)
    : removeHoliday(view, read.date, by, now);
};

function addHoliday(view: PlanView, holiday: PlanHoliday, by: string, now: Date) {
  const { date } = holiday;
  if (date < view.today(now))
    throw new PlanError('invalid_command', `${date} is in the past; give a day from today on. Nothing was changed.`);
  if (view.calendar.isHoliday(date))
    throw new PlanError(
      'invalid_state',
      `${date} is already a holiday on ${view.state.plan.name}. Nothing was changed.`,
    );
  const chat = view.state.plan.holidays;
  const holidays = [...chat, holiday].sort(byDate);
  const doc = view.state.plan.document;
  const calendar = planCalendarOf({ ...doc, holidays: [...planHolidayDates(view.state), date] }, doc.startDate!);
  const due = view.openTasks().filter((t) => t.dueDate === date);
  const { moves } = moveTasksOffHolidays(due, calendar);
  const effects: Effect[] = [
    { type: 'plan.holidays', planId: view.state.plan.id, expect: [...chat], holidays },
    ...moves.map((move): Effect => ({
      type: 'task.update',
      taskId: view.taskByKey(move.taskKey)!.id,
      data: { dueDate: move.to },
    })),
    {
      type: 'audit',
      planId: view.state.plan.id,
      actor: by,
      action: 'plan.holiday_added',
      detail: { date, name: holiday.name, moved: moves.map((m) => ({ task: m.taskKey, from: m.from, to: m.to })) },
      at: now,
    },
  ];
  return {
    reply: holidayReply({
      ...listing(view, holidays),
      today: view.today(now),
      added: {
        ...holiday,
        workingDay: view.calendar.isWorkingDay(date),
        moved: moves.map((m) => ({ key: m.taskKey, title: view.taskByKey(m.taskKey)!.title, to: m.to as IsoDate })),
      },
    }),
    effects,
  };
}

function removeHoliday(view: PlanView, date: IsoDate, by: string, now: Date) {
  const chat = view.state.plan.holidays;
  if (!chat.some((h) => h.date === date)) {
    throw new PlanError(
      'invalid_state',
      view.state.plan.document.holidays.includes(date)
        ? `${date} is a holiday in the plan document, not one added in chat: take it out of the document and re-import. Nothing was changed.`
        : `${date} is not a holiday on ${view.state.plan.name}; \`/plan holiday\` lists them. Nothing was changed.`,
    );
  }
  const holidays = chat.filter((h) => h.date !== date);
  return {
    reply: holidayReply({ ...listing(view, holidays), today: view.today(now), removed: date }),
    effects: [
      { type: 'plan.holidays', planId: view.state.plan.id, expect: [...chat], holidays } as Effect,
      {
        type: 'audit',
        planId: view.state.plan.id,
        actor: by,
        action: 'plan.holiday_removed',
        detail: { date },
        at: now,
      },
    ] satisfies Effect[],
  };
}

function listing(view: PlanView, chat: readonly PlanHoliday[] = view.state.plan.holidays) {
  return { planName: view.state.plan.name, document: view.state.plan.document.holidays, chat };
}

function requireLead(actor: MemberState | undefined, action: 'add' | 'remove'): void {
  if (!isLead(actor))
    throw new PlanError(
      'forbidden',
      `${action === 'add' ? 'Adding' : 'Removing'} a plan-wide holiday is for the plan's leads and sponsors; \`/plan holiday\` lists them, and \`/plan away\` sets your own time off.`,
    );
}
