import { DateTime } from 'luxon';
import { isFinished } from '../domain/task-status.js';
import type { IsoDate } from '../domain/types.js';
import type { PlanState } from '../service/read-model/plan-state.js';
import { primaryLead } from '../service/read-model/plan-view.js';

/** Something a simulated member types, at a given instant. */
export interface SimulatedAction {
  at: Date;
  /** Member key (the console identity). */
  as: string;
  /** The text after `/plan`. */
  command: string;
}

const REASONS = [
  'waiting on API credentials from the vendor',
  'staging environment is down',
  'review is stuck with security',
  'test data is missing',
];

/**
 * Deterministic behaviour for one plan day. Most owners answer and finish; a task whose
 * prerequisites are still open cannot be finished and slips with them; some owners hit a
 * blocker. So a reader sees every path, the first task with dependants always slips and the
 * first blocker is left unacknowledged long enough to climb to tier 2.
 */
export class SimulatedTeam {
  private blockersOpened = 0;
  private forcedSlip = false;

  constructor(private readonly random: () => number) {}

  /** What the owners of `date`'s tasks do, starting at `startAt` (the stand-up, or mid-morning without one). */
  dayActions(state: PlanState, date: IsoDate, startAt: Date, withStandup: boolean): SimulatedAction[] {
    const zone = state.plan.timezone;
    const at = (hour: number, minute = 0) => DateTime.fromISO(date, { zone }).set({ hour, minute }).toJSDate();
    const later = (minutes: number) => new Date(startAt.getTime() + minutes * 60_000);
    const done = new Set(state.tasks.filter((t) => t.status === 'done').map((t) => t.key));
    const actions: SimulatedAction[] = [];
    const owners = new Map<string, PlanState['tasks']>();
    for (const task of state.tasks) {
      if (task.dueDate !== date || isFinished(task.status) || !task.ownerId) continue;
      owners.set(task.ownerId, [...(owners.get(task.ownerId) ?? []), task]);
    }
    const answer = (as: string, text: string, minutes: number) => {
      if (withStandup) actions.push({ at: later(minutes), as, command: `standup ${text}` });
    };
    const lead = primaryLead(state);
    for (const [ownerId, tasks] of owners) {
      const member = state.members.find((m) => m.id === ownerId);
      if (!member) continue;
      const task = tasks[0]!;
      const roll = this.random();
      const waiting = task.dependsOn.filter((key) => !done.has(key));
      // A dependant due within two days makes a slip worth re-planning: it cannot finish on time either.
      const soon = DateTime.fromISO(date).plus({ days: 2 }).toISODate()!;
      const urgentDependants = state.tasks.some((t) => t.dependsOn.includes(task.key) && t.dueDate <= soon);
      if (waiting.length > 0) {
        answer(member.key, `did: prep doing: ${task.title} (waiting on ${waiting.join(', ')}) blockers: none`, 20);
        continue;
      }
      if ((!this.forcedSlip && urgentDependants && withStandup) || roll < 0.08) {
        if (urgentDependants) this.forcedSlip = true;
        answer(member.key, `did: prep doing: ${task.title} blockers: none`, 20);
        // Slipped work still gets done, two working days late: after the slip check has seen it.
        for (const t of tasks)
          actions.push({ at: workingDaysLater(date, 2, zone, 11), as: member.key, command: `done ${t.key}` });
        continue;
      }
      if (withStandup && (this.blockersOpened === 0 || roll > 0.9)) {
        this.blockersOpened += 1;
        // A simulation runs on a fresh database, so blockers are numbered in the order it opens them.
        const number = this.blockersOpened;
        answer(
          member.key,
          `did: started ${task.key} doing: ${task.title} blockers: ${REASONS[Math.floor(this.random() * REASONS.length)]}`,
          15,
        );
        // The first blocker goes unacknowledged for 5 hours (the ladder climbs); later ones are picked up in an hour.
        const ackAfter = number === 1 ? 5 * 60 : 60;
        if (lead) actions.push({ at: later(15 + ackAfter), as: lead.key, command: `ack ${number} on it` });
        actions.push({ at: later(15 + ackAfter + 60), as: member.key, command: `resolve ${number} unblocked` });
        actions.push({ at: at(17, 30), as: member.key, command: `done ${task.key}` });
        continue;
      }
      answer(member.key, `did: yesterday's work doing: ${task.title} blockers: none`, 10 + Math.floor(roll * 30));
      for (const t of tasks)
        actions.push({ at: at(16, Math.floor(this.random() * 50)), as: member.key, command: `done ${t.key}` });
    }
    return actions.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}

function workingDaysLater(date: IsoDate, days: number, zone: string, hour: number): Date {
  let day = DateTime.fromISO(date, { zone }).set({ hour });
  for (let left = days; left > 0;) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) left -= 1;
  }
  return day.toJSDate();
}
