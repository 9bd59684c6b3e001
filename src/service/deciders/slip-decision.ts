import { isFinished } from '../../domain/task-status.js';
import {
  earliestFinishDate,
  forcedReplanAt,
  isSlipEscalationDue,
  proposeBufferMoves,
  slipEscalationDueAt,
} from '../../domain/slips.js';
import { answersForStream } from '../../domain/stream-owner.js';
import type { IsoDate } from '../../domain/types.js';
import { memberKey } from '../../plans/member-match.js';
import type { Effect } from '../effects.js';
import { replanProposal } from '../messages/replan-proposal.js';
import { slipAlerts, type SlipAlertInput } from '../messages/slip-alert.js';
import { transitiveDependants } from '../../domain/impact.js';
import { directMessage, postToChannel } from '../messages/outbox-drafts.js';
import type { MemberState, ReplanState, TaskState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';
import { PlanNumbers } from '../read-model/plan-numbers.js';

/**
 * What a scheduler tick does about slips, as effect lists applied one by one:
 *
 * - Tasks that just slipped past the plan's threshold, all in one list: claim each slip (so it
 *   escalates once), tell the rule's targets (a slip in a stream goes only to the targets who answer
 *   for that stream, when the plan says who does) with one message per person listing all of their
 *   slips, audit, and propose moving each one's dependants to the next buffer day unless that was
 *   proposed already. One list, so a person's message cannot be split or sent twice; if another
 *   scheduler claimed one of them first the whole list rolls back and the next tick decides again.
 * - A task whose dependant is due before the threshold would flag it gets the re-plan proposal
 *   alone, one list each, at the close of business on the working day before that dependant's date
 *   (`forcedReplanAt`): its slip alert keeps its time and its people.
 */
export function decideSlips(view: PlanView, now: Date, newId: () => string): Effect[][] {
  const rules = view.state.plan.document.rules;
  const today = view.today(now);
  const local = view.local(now);
  const domainTasks = view.state.tasks.map(domainTask);
  const waiting = dependantsByKey(domainTasks);
  const open = view.state.tasks.filter((t) => t.slipEscalatedAt === null);
  const slipped = open.filter((t) =>
    isSlipEscalationDue(domainTask(t), local, view.calendar, rules.slipThresholdBusinessDays),
  );
  const slippedIds = new Set(slipped.map((t) => t.id));
  const forced = rules.pushDependantsToBuffer
    ? open.filter((t) => {
        // A task still waiting on an open prerequisite is late because of it: the prerequisite's
        // proposal moves it and its dependants, so a second one would propose the same moves.
        if (slippedIds.has(t.id) || proposedForThisSlip(view, t) || waitsOnOpenWork(view, t)) return false;
        const at = forcedReplanAt(
          domainTask(t),
          waiting.get(t.key) ?? [],
          view.calendar,
          rules.slipThresholdBusinessDays,
        );
        return at !== null && local.toMillis() >= at.toMillis();
      })
    : [];

  // One numbering for the whole tick's proposals: two slips found together get #n and #n+1.
  const numbers = new PlanNumbers(view.state);
  const lists: Effect[][] = [];
  if (slipped.length > 0) {
    const effects: Effect[] = slipped.map((task) => ({ type: 'task.slip_claim', taskId: task.id, at: now }));
    const told = new Map<string, { member: MemberState | null; tasks: TaskState[] }>();
    for (const task of slipped) {
      const targets = slipTargets(view, task);
      for (const member of targets.length > 0 ? targets : [null]) {
        const id = member?.id ?? '';
        const entry = told.get(id) ?? { member, tasks: [] };
        entry.tasks.push(task);
        told.set(id, entry);
      }
    }
    for (const { member, tasks } of told.values()) {
      // Keyed by the first slip of the message: each slip is claimed once, so the key is too.
      const key = `slip:${tasks[0]!.id}`;
      const message = slipAlerts(
        view.state.plan.name,
        tasks.map((task) => alertInput(view, task, today)),
      );
      effects.push(
        member ? directMessage(view.state, member, key, message, now) : postToChannel(view.state, key, message, now),
      );
    }
    for (const task of slipped) {
      effects.push({
        type: 'audit',
        planId: view.state.plan.id,
        actor: 'planbot',
        action: 'task.slipped',
        detail: { task: task.key, businessDaysLate: view.calendar.businessDaysBetween(task.dueDate, today) },
        at: now,
      });
      if (rules.pushDependantsToBuffer) {
        effects.push(...proposal(view, task, today, null, domainTasks, numbers, newId, now));
      }
    }
    lists.push(effects);
  }
  for (const task of forced) {
    const newDate = earliestFinishDate(local, view.calendar);
    const forcedBy = firstForcingDependant(view, task, newDate);
    const effects = proposal(view, task, newDate, forcedBy, domainTasks, numbers, newId, now);
    if (effects.length === 0) continue;
    effects.push({
      type: 'audit',
      planId: view.state.plan.id,
      actor: 'planbot',
      action: 'task.replan_forced',
      detail: { task: task.key, dependant: forcedBy?.key ?? null, newDate },
      at: now,
    });
    lists.push(effects);
  }
  return lists;
}

function domainTask(t: TaskState) {
  return { key: t.key, dueDate: t.dueDate, status: t.status, dependsOn: t.dependsOn, slipEscalatedAt: null };
}

/** Each task's direct dependants, so a tick reads every dependency once rather than once per task. */
function dependantsByKey<T extends { dependsOn: string[] }>(tasks: readonly T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const task of tasks) {
    for (const key of task.dependsOn) index.set(key, [...(index.get(key) ?? []), task]);
  }
  return index;
}

/** A proposal naming this task was made on or after its current due day: this slip has one already. */
function proposedForThisSlip(view: PlanView, task: TaskState): boolean {
  return view.state.replans.some((r) => proposalForThisSlip(view, task, r));
}

function proposalForThisSlip(view: PlanView, task: TaskState, replan: ReplanState): boolean {
  return (
    replan.slippedTaskKey === task.key && replan.createdAt.getTime() >= view.calendar.startOf(task.dueDate).toMillis()
  );
}

function waitsOnOpenWork(view: PlanView, task: TaskState): boolean {
  return task.dependsOn.some((key) => {
    const prerequisite = view.taskByKey(key);
    return prerequisite !== undefined && !isFinished(prerequisite.status);
  });
}

/** The open dependant due first, among those the new date makes impossible. */
function firstForcingDependant(view: PlanView, task: TaskState, newDate: IsoDate): TaskState | null {
  const waiting = view
    .openTasks()
    .filter((t) => t.dependsOn.includes(task.key) && t.dueDate <= newDate)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  return waiting[0] ?? null;
}

/**
 * Who hears of a slip: the rule's target (or the leads), narrowed to those who answer for the
 * task's stream when the plan ties any of them to it; everyone of them otherwise, as before.
 */
export function slipTargets(view: PlanView, task: TaskState): MemberState[] {
  const rules = view.state.plan.document.rules;
  const targets = rules.slipEscalatesTo ? view.membersFor(rules.slipEscalatesTo) : view.leads();
  const stream = view.state.plan.document.tasks.find((t) => t.key === task.key)?.stream;
  if (!stream) return targets;
  const documentMembers = view.state.plan.document.members;
  const answering = targets.filter((member) => {
    const written = documentMembers.find((m) => memberKey(m) === member.key);
    return answersForStream(written ?? { name: member.displayName }, stream);
  });
  return answering.length > 0 ? answering : targets;
}

function alertInput(view: PlanView, task: TaskState, today: IsoDate): SlipAlertInput {
  const rules = view.state.plan.document.rules;
  return {
    planName: view.state.plan.name,
    task: { key: task.key, title: task.title },
    owner: view.member(task.ownerId)?.displayName ?? null,
    dueDate: task.dueDate,
    daysLate: view.calendar.businessDaysBetween(task.dueDate, today),
    thresholdDays: rules.slipThresholdBusinessDays,
    dependants: transitiveDependants(task.key, view.openTasks()).length,
  };
}

/** The re-plan proposal for one slipped task and its post to the plan's channel; nothing when no dependant is affected. */
function proposal(
  view: PlanView,
  task: TaskState,
  newDate: IsoDate,
  forcedBy: TaskState | null,
  tasks: ReturnType<typeof domainTask>[],
  numbers: PlanNumbers,
  newId: () => string,
  now: Date,
): Effect[] {
  const full = proposeBufferMoves({ key: task.key, newDate }, tasks, view.calendar);
  // What an earlier proposal for this slip (approved, pending or rejected) named is not proposed
  // again; a dependant it did not reach, because its date then still held, is.
  const earlier = view.state.replans.filter((r) => proposalForThisSlip(view, task, r));
  const named = new Set(earlier.flatMap((r) => r.moves.map((m) => m.taskKey)));
  const proposed = {
    ...full,
    moves: full.moves.filter((m) => !named.has(m.taskKey)),
    unplaced: earlier.length > 0 ? [] : full.unplaced,
  };
  if (proposed.moves.length === 0 && proposed.unplaced.length === 0) return [];
  const replanId = newId();
  const number = numbers.nextReplan();
  const titled = (key: string) => ({ key, title: view.taskByKey(key)?.title ?? key });
  return [
    {
      type: 'replan.create',
      replanId,
      planId: view.state.plan.id,
      number,
      slippedTaskKey: task.key,
      moves: proposed.moves.map(({ taskKey, from, to }) => ({ taskKey, from, to })),
      bufferDate: proposed.bufferDay,
      at: now,
    },
    postToChannel(
      view.state,
      `replan:${replanId}`,
      replanProposal({
        planName: view.state.plan.name,
        proposal: { id: replanId, number },
        slipped: { ...titled(task.key), newDate },
        bufferDay: proposed.bufferDay,
        moves: proposed.moves.map((m) => ({ ...titled(m.taskKey), from: m.from, to: m.to })),
        unplaced: proposed.unplaced.map((key) => ({
          ...titled(key),
          dueDate: view.taskByKey(key)?.dueDate ?? newDate,
        })),
        ...(view.primaryLead() ? { lead: view.primaryLead()!.displayName } : {}),
        ...(forcedBy ? { forcedBy: { key: forcedBy.key, title: forcedBy.title, dueDate: forcedBy.dueDate } } : {}),
      }),
      now,
    ),
  ];
}

/**
 * When this plan's next slip can become due: the earliest escalation instant of its open,
 * not-yet-escalated tasks, or an earlier re-plan proposal a dependant's date forces. Lets the scheduler skip loading a plan every tick just because some
 * task is a few hours late but not yet past the threshold.
 */
export function nextSlipCheck(view: PlanView): Date | null {
  const threshold = view.state.plan.document.rules.slipThresholdBusinessDays;
  const push = view.state.plan.document.rules.pushDependantsToBuffer;
  const waiting = dependantsByKey(view.state.tasks.map(domainTask));
  const instants = view
    .openTasks()
    .filter((t) => t.slipEscalatedAt === null)
    .flatMap((t) => {
      const forced =
        push && !proposedForThisSlip(view, t) && !waitsOnOpenWork(view, t)
          ? forcedReplanAt(domainTask(t), waiting.get(t.key) ?? [], view.calendar, threshold)
          : null;
      const alert = slipEscalationDueAt(t, view.calendar, threshold).toMillis();
      return forced ? [alert, forced.toMillis()] : [alert];
    });
  return instants.length > 0 ? new Date(Math.min(...instants)) : null;
}
