import { isSlipEscalationDue, proposeBufferMoves, slipEscalationDueAt } from '../../domain/slips.js';
import type { Effect } from '../effects.js';
import { replanProposal } from '../messages/replan-proposal.js';
import { slipAlert } from '../messages/slip-alert.js';
import { transitiveDependants } from '../../domain/impact.js';
import { directMessage, postToChannel } from '../messages/outbox-drafts.js';
import type { TaskState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';
import { PlanNumbers } from '../read-model/plan-numbers.js';

/**
 * One effect list per task that just slipped past the plan's threshold: claim the slip (so it
 * escalates once), alert the rule's target, and propose moving its dependants to the next
 * buffer day for a lead to approve. Each list is applied on its own, so one conflict does not
 * hold the others back.
 */
export function decideSlips(view: PlanView, now: Date, newId: () => string): Effect[][] {
  const rules = view.state.plan.document.rules;
  const today = view.today(now);
  const local = view.local(now);
  const domainTask = (t: TaskState) => ({
    key: t.key,
    dueDate: t.dueDate,
    status: t.status,
    dependsOn: t.dependsOn,
    slipEscalatedAt: null,
  });
  const slipped = view.state.tasks.filter(
    (t) =>
      t.slipEscalatedAt === null &&
      isSlipEscalationDue(domainTask(t), local, view.calendar, rules.slipThresholdBusinessDays),
  );

  // One numbering for the whole tick's proposals: two slips found together get #n and #n+1.
  const numbers = new PlanNumbers(view.state);
  return slipped.map((task) => {
    const owner = view.member(task.ownerId);
    const daysLate = view.calendar.businessDaysBetween(task.dueDate, today);
    const alert = slipAlert({
      planName: view.state.plan.name,
      task: { key: task.key, title: task.title },
      owner: owner?.displayName ?? null,
      dueDate: task.dueDate,
      daysLate,
      thresholdDays: rules.slipThresholdBusinessDays,
      dependants: transitiveDependants(task.key, view.openTasks()).length,
    });
    const targets = rules.slipEscalatesTo ? view.membersFor(rules.slipEscalatesTo) : view.leads();
    const key = `slip:${task.id}`;
    const effects: Effect[] = [
      { type: 'task.slip_claim', taskId: task.id, at: now },
      ...(targets.length > 0
        ? targets.map((m) => directMessage(view.state, m, key, alert, now))
        : [postToChannel(view.state, key, alert, now)]),
      {
        type: 'audit',
        planId: view.state.plan.id,
        actor: 'planbot',
        action: 'task.slipped',
        detail: { task: task.key, businessDaysLate: daysLate },
        at: now,
      },
    ];
    if (rules.pushDependantsToBuffer) {
      const proposal = proposeBufferMoves(
        { key: task.key, newDate: today },
        view.state.tasks.map(domainTask),
        view.calendar,
      );
      if (proposal.moves.length > 0 || proposal.unplaced.length > 0) {
        const replanId = newId();
        const number = numbers.nextReplan();
        const titled = (key: string) => ({ key, title: view.taskByKey(key)?.title ?? key });
        effects.push(
          {
            type: 'replan.create',
            replanId,
            planId: view.state.plan.id,
            number,
            slippedTaskKey: task.key,
            moves: proposal.moves.map(({ taskKey, from, to }) => ({ taskKey, from, to })),
            bufferDate: proposal.bufferDay,
            at: now,
          },
          postToChannel(
            view.state,
            `replan:${replanId}`,
            replanProposal({
              planName: view.state.plan.name,
              proposal: { id: replanId, number },
              slipped: { ...titled(task.key), newDate: today },
              bufferDay: proposal.bufferDay,
              moves: proposal.moves.map((m) => ({ ...titled(m.taskKey), from: m.from, to: m.to })),
              unplaced: proposal.unplaced.map((key) => ({
                ...titled(key),
                dueDate: view.taskByKey(key)?.dueDate ?? today,
              })),
              ...(view.primaryLead() ? { lead: view.primaryLead()!.displayName } : {}),
            }),
            now,
          ),
        );
      }
    }
    return effects;
  });
}

/**
 * When this plan's next slip can become due: the earliest escalation instant of its open,
 * not-yet-escalated tasks. Lets the scheduler skip loading a plan every tick just because some
 * task is a few hours late but not yet past the threshold.
 */
export function nextSlipCheck(view: PlanView): Date | null {
  const threshold = view.state.plan.document.rules.slipThresholdBusinessDays;
  const instants = view
    .openTasks()
    .filter((t) => t.slipEscalatedAt === null)
    .map((t) => slipEscalationDueAt(t, view.calendar, threshold).toMillis());
  return instants.length > 0 ? new Date(Math.min(...instants)) : null;
}
