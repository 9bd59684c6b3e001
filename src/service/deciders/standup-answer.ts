import type { QuickStatus } from '../commands/command.js';
import type { Effect } from '../effects.js';
import type { MemberState, TaskState } from '../read-model/plan-state.js';
import type { TaskStatus } from '../../domain/types.js';
import type { PlanView } from '../read-model/plan-view.js';
import { doneEffects } from '../commands/task-commands.js';
import { PlanNumbers } from '../read-model/plan-numbers.js';
import { isNoBlocker, namedStatusPattern, statusOfWord } from '../commands/parse-command.js';

export interface StandupAnswer {
  did?: string;
  doing?: string;
  /** null: an explicit "none". */
  blockers?: string | null;
  /** Quick status per task key, from the modal, the card or "d3 done" in text. */
  statuses?: Record<string, QuickStatus>;
}

/** The prompt answered: its id, and when it went out (an answer to it again updates, not adds). */
export interface AnsweredPrompt {
  id: string;
  scheduledAt: Date;
}

export interface StandupOutcome {
  effects: Effect[];
  /** What changed, for the reply: "d3 done", "d4 in progress". */
  applied: string[];
  /** Statuses not applied, each with why. */
  skipped: string[];
  opened: { number: number; taskKey: string | null; withDetails: boolean }[];
  /** Blockers this member opened answering the same prompt before, whose text the new answer replaces. */
  updated: { number: number; taskKey: string | null }[];
  /** What the answer says blocks the member, as understood: null is "nothing", undefined not said. */
  blockers: string | null | undefined;
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
  prompt: AnsweredPrompt,
  answer: StandupAnswer,
  now: Date,
  newId: () => string,
): StandupOutcome {
  const occurrenceId = prompt.id;
  const accepted: Record<string, TaskStatus> = {};
  const effects: Effect[] = [];
  const applied: string[] = [];
  const skipped: string[] = [];
  const blockedTasks: TaskState[] = [];
  const doneNow = new Set<string>();

  const applyStatus = (task: TaskState, status: QuickStatus): void => {
    if (task.ownerId !== member.id) {
      const owner = view.member(task.ownerId)?.displayName ?? 'nobody';
      skipped.push(
        `${task.key} is ${owner === 'nobody' ? 'owned by nobody' : `${owner}'s`}; only its owner sets its status here (or a lead with \`/plan done ${task.key}\`)`,
      );
      return;
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
  };

  // Tasks named by title in the answer's words count too, and are no part of what blocks the member.
  const { statuses: named, blockers } = statusesNamedByTitle(view, member, answer);
  for (const [key, status] of Object.entries({ ...named, ...answer.statuses })) {
    const found = view.taskByKey(key.replace(/^#/, ''));
    const tasks = found && found.status !== 'cancelled' ? [found] : tasksOfPlanDay(view, member, key);
    if (tasks === null || tasks.length === 0) {
      skipped.push(
        tasks === null ? `${key}: no such task in ${view.state.plan.name}` : `${key}: you have no task on that day`,
      );
      continue;
    }
    for (const task of tasks) applyStatus(task, status);
  }

  effects.unshift({
    type: 'standup.reply',
    occurrenceId,
    memberId: member.id,
    ...(answer.did ? { did: answer.did } : {}),
    ...(answer.doing ? { doing: answer.doing } : {}),
    ...(blockers ? { blockers } : {}),
    taskStatuses: accepted,
    at: now,
  });

  const toOpen: { summary: string; task: TaskState | null }[] = [];
  let text = blockers ?? undefined;
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
  const updated: StandupOutcome['updated'] = [];
  if (text) {
    // Blockers text with no blocked task named: it is about the member's work today (their first open task due).
    const today = view.today(now);
    const mine = view.openTasks().filter((t) => t.ownerId === member.id && !doneNow.has(t.id));
    const task = mine.find((t) => t.dueDate <= today) ?? mine[0] ?? null;
    const open = openOn(task?.id ?? null);
    // Answering the same prompt again corrects the blocker that answer opened; it does not add one.
    const earlier = open.find((b) => b.reporterId === member.id && b.openedAt >= prompt.scheduledAt);
    if (earlier && earlier.summary !== text) {
      effects.push({
        type: 'blocker.update',
        blockerId: earlier.id,
        expectStatus: ['open', 'acknowledged'],
        data: { summary: text },
      });
      updated.push({ number: earlier.number, taskKey: task?.key ?? null });
    } else if (!earlier && !open.some((b) => b.summary === text)) {
      // The same words again (an answer sent twice) are the blocker already open, not a second one.
      toOpen.push({ summary: text, task });
    }
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
  return { effects, applied, skipped, opened, updated, blockers };
}

/**
 * The member's own tasks named by title (or a key with no digit) in the answer's words, with
 * the status after the name, and the blockers text without them ("none, Kickoff & Intake done"
 * is no blocker).
 */
function statusesNamedByTitle(
  view: PlanView,
  member: MemberState,
  answer: StandupAnswer,
): { statuses: Record<string, QuickStatus>; blockers: string | null | undefined } {
  const mine = view.state.tasks.filter((t) => t.ownerId === member.id && t.status !== 'cancelled');
  const byName = new Map<string, TaskState>();
  for (const task of mine) {
    byName.set(task.title.toLowerCase(), task);
    byName.set(task.key.toLowerCase(), task);
  }
  const pattern = namedStatusPattern([...byName.keys()]);
  const statuses: Record<string, QuickStatus> = {};
  if (!pattern) return { statuses, blockers: answer.blockers };
  for (const words of [answer.did, answer.doing, answer.blockers]) {
    for (const match of words ? words.matchAll(pattern) : []) {
      const task = byName.get((match[1] ?? '').replace(/\s+/g, ' ').toLowerCase());
      if (task) statuses[task.key] = statusOfWord(match[2] ?? '');
    }
  }
  if (!answer.blockers) return { statuses, blockers: answer.blockers };
  const rest = answer.blockers
    .replace(pattern, (match) => (/^[^\p{L}\p{N}#]/u.test(match) ? match[0]! : ''))
    .replace(/^[\s;,]+|[\s;,]+$/g, '');
  return { statuses, blockers: isNoBlocker(rest) ? null : rest };
}

/** "day 3" (or "day-3"): the member's tasks planned for plan day 3; null when the key is not a day. */
function tasksOfPlanDay(view: PlanView, member: MemberState, key: string): TaskState[] | null {
  const day = /^day-?(\d+)$/i.exec(key)?.[1];
  if (day === undefined) return null;
  const date = view.calendar.dateOfPlanDay(Number(day));
  return view.state.tasks.filter((t) => t.ownerId === member.id && t.status !== 'cancelled' && t.plannedDate === date);
}
