import type { QuickStatus } from '../commands/command.js';
import type { Effect } from '../effects.js';
import type { MemberState, TaskState } from '../read-model/plan-state.js';
import type { TaskStatus } from '../../domain/types.js';
import type { PlanView } from '../read-model/plan-view.js';
import { doneEffects } from '../commands/task-commands.js';
import { PlanNumbers } from '../read-model/plan-numbers.js';

export interface StandupAnswer {
  did?: string;
  doing?: string;
  /** null: an explicit "none". */
  blockers?: string | null;
  /** Quick status per task key, from the modal, the card or "d3 done" in text. */
  statuses?: Record<string, QuickStatus>;
}

export interface StandupOutcome {
  effects: Effect[];
  /** What changed, for the reply: "d3 done", "d4 in progress". */
  applied: string[];
  /** Statuses not applied, each with why. */
  skipped: string[];
  opened: { number: number; taskKey: string | null; withDetails: boolean }[];
}

const NO_DETAILS = 'Marked blocked in the stand-up (no details given yet)';

/**
 * The effects of a stand-up answer: the reply row, each quick status applied to the member's own
 * tasks (done as `/plan done` does it), and blockers.
 *
 * Statuses on someone else's task are skipped with a note rather than refusing the whole answer:
 * the rest of it (did / doing / blockers) is still worth keeping, and marking a colleague's work
 * done from your stand-up is for the owner or a lead (`/plan done`).
 *
 * A task marked blocked gets an open blocker when it has none: a blocked task nobody can see in
 * triage and nobody is escalated about is exactly what planbot exists to prevent. The answer's
 * blockers text becomes that blocker's summary; without text it says no details were given, and
 * the reply asks for them.
 */
export function standupAnswerEffects(
  view: PlanView,
  member: MemberState,
  occurrenceId: string,
  answer: StandupAnswer,
  now: Date,
  newId: () => string,
): StandupOutcome {
  const accepted: Record<string, TaskStatus> = {};
  const effects: Effect[] = [];
  const applied: string[] = [];
  const skipped: string[] = [];
  const blockedTasks: TaskState[] = [];
  const doneNow = new Set<string>();

  for (const [key, status] of Object.entries(answer.statuses ?? {})) {
    const task = view.taskByKey(key.replace(/^#/, ''));
    if (!task || task.status === 'cancelled') {
      skipped.push(`${key}: no such task in ${view.state.plan.name}`);
      continue;
    }
    if (task.ownerId !== member.id) {
      const owner = view.member(task.ownerId)?.displayName ?? 'nobody';
      skipped.push(
        `${task.key} is ${owner === 'nobody' ? 'owned by nobody' : `${owner}'s`}; only its owner sets its status here (or a lead with \`/plan done ${task.key}\`)`,
      );
      continue;
    }
    accepted[task.key] = status;
    applied.push(`${task.key} ${status === 'in_progress' ? 'in progress' : status}`);
    if (status === 'done') {
      doneNow.add(task.id);
      if (task.status !== 'done') effects.push(...doneEffects(view, task, member, now));
    } else {
      // Reopening a task someone marked done by mistake clears when it was done.
      if (task.status !== status)
        effects.push({
          type: 'task.update',
          taskId: task.id,
          data: { status, ...(task.status === 'done' ? { doneAt: null } : {}) },
        });
      if (status === 'blocked') blockedTasks.push(task);
    }
  }

  effects.unshift({
    type: 'standup.reply',
    occurrenceId,
    memberId: member.id,
    ...(answer.did ? { did: answer.did } : {}),
    ...(answer.doing ? { doing: answer.doing } : {}),
    ...(answer.blockers ? { blockers: answer.blockers } : {}),
    taskStatuses: accepted,
    at: now,
  });

  const toOpen: { summary: string; task: TaskState | null }[] = [];
  let text = answer.blockers ?? undefined;
  const openOn = (taskId: string | null) =>
    view.state.blockers.filter((b) => b.taskId === taskId && b.status !== 'resolved');
  for (const task of blockedTasks) {
    if (openOn(task.id).length > 0) {
      // Still blocked, and the text is news about that blocker: it must not land on another task.
      text = undefined;
      continue;
    }
    toOpen.push({ summary: text ?? NO_DETAILS, task });
    text = undefined;
  }
  if (text) {
    // Blockers text with no blocked task named: it is about the member's work today (their first open task due).
    const today = view.today(now);
    const mine = view.openTasks().filter((t) => t.ownerId === member.id && !doneNow.has(t.id));
    const task = mine.find((t) => t.dueDate <= today) ?? mine[0] ?? null;
    // The same words again (an answer sent twice) are the blocker already open, not a second one.
    if (!openOn(task?.id ?? null).some((b) => b.summary === text)) toOpen.push({ summary: text, task });
  }
  const opened: StandupOutcome['opened'] = [];
  const numbers = new PlanNumbers(view.state);
  toOpen.forEach(({ summary, task }) => {
    const effect = view.openBlocker({
      blockerId: newId(),
      summary,
      taskId: task?.id ?? null,
      reporterId: member.id,
      now,
      numbers,
    });
    const { number } = effect;
    effects.push(effect);
    opened.push({ number, taskKey: task?.key ?? null, withDetails: summary !== NO_DETAILS });
  });
  return { effects, applied, skipped, opened };
}
