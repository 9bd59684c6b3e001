import type { IsoDate } from '../../domain/types.js';
import { datedMilestones, type DatedMilestone } from '../../plans/milestone-dates.js';
import { memberMention, mention } from '../read-model/addressing.js';
import { withMentions } from '../messages/mentions.js';
import {
  milestoneCheckpoint,
  STATE_LABEL,
  type CriterionStatus,
  type GatedTaskState,
} from '../messages/milestone-checkpoint.js';
import type { Message } from '../messages/message.js';
import type { TaskState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';

/** The checkpoint post for every milestone on `date` (one post even when two gates share a day). */
export function composeCheckpoint(view: PlanView, date: IsoDate): Message | null {
  const due = datedMilestones(view.state.plan.document, view.calendar).filter((m) => m.date === date);
  if (due.length === 0) return null;
  const messages = due.map((milestone) => checkpointFor(view, milestone));
  if (messages.length === 1) return messages[0]!;
  const { mentions: _first, ...first } = messages[0]!;
  return withMentions(
    {
      ...first,
      text: messages.map((m) => m.text).join(' '),
      blocks: messages.flatMap((m, i) => (i === 0 ? m.blocks : [{ type: 'divider' as const }, ...m.blocks])),
    },
    messages.flatMap((m) => m.mentions ?? []),
  );
}

function checkpointFor(view: PlanView, milestone: DatedMilestone): Message {
  // The domain's gate (types.ts Milestone): without task keys, every task due on or before the date.
  const gated = view.state.tasks.filter((t) => t.status !== 'cancelled' && t.dueDate <= milestone.date);
  const stateOf = (task: TaskState): GatedTaskState => gatedState(view, task, milestone.date);
  const open = gated.filter((t) => stateOf(t) !== 'done');
  const owners = open.flatMap((t) => view.member(t.ownerId) ?? []);
  const checkpoint = milestoneCheckpoint({
    planName: view.state.plan.name,
    milestone: { name: milestone.name, date: milestone.date },
    criteria: milestone.gateCriteria.map((text) => criterionStatus(text, gated, stateOf)),
    progress: { done: gated.length - open.length, total: gated.length },
    openTasks: open.map((t) => {
      const owner = view.member(t.ownerId);
      return { key: t.key, title: t.title, owner: owner ? mention(view.state, owner) : null, state: stateOf(t) };
    }),
  });
  return withMentions(
    checkpoint,
    owners.map((owner) => memberMention(view.state, owner)),
  );
}

function gatedState(view: PlanView, task: TaskState, date: IsoDate): GatedTaskState {
  if (task.status === 'done') return 'done';
  if (task.status === 'blocked' || view.state.blockers.some((b) => b.taskId === task.id && b.status !== 'resolved'))
    return 'blocked';
  return task.dueDate < date ? 'late' : 'due_today';
}

/**
 * A criterion is free text ("Legacy VPN closed"); it is judged by the gated tasks it names: by key,
 * or by most of its words appearing in a task title ("Close legacy VPN"). No such task: unknown,
 * and the post says a person has to judge it.
 */
function criterionStatus(
  text: string,
  gated: readonly TaskState[],
  stateOf: (t: TaskState) => GatedTaskState,
): { text: string; status: CriterionStatus; note?: string } {
  const tasks = gated.filter((t) => names(text, t));
  if (tasks.length === 0) return { text, status: 'unknown', note: 'no task tracks it; the lead decides' };
  const states = tasks.map((t) => ({ key: t.key, state: stateOf(t) }));
  const notDone = states.filter((s) => s.state !== 'done');
  if (notDone.length === 0) return { text, status: 'met' };
  const note = notDone.map((s) => `${s.key} ${STATE_LABEL[s.state]}`).join(', ');
  return {
    text,
    status: notDone.some((s) => s.state === 'late' || s.state === 'blocked') ? 'not_met' : 'at_risk',
    note,
  };
}

const STOP_WORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'all',
  'are',
  'any',
  'from',
  'into',
  'our',
  'per',
  'of',
  'to',
  'in',
  'on',
  'a',
  'an',
  'is',
  'be',
  'by',
]);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9%]+/)
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w))
      .map((w) => (w.length > 4 ? w.replace(/(?:ing|ed|es|s|d)$/, '') : w)),
  );
}

function names(criterion: string, task: TaskState): boolean {
  if (new RegExp(`(?<![\\w-])${task.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'i').test(criterion))
    return true;
  const a = words(criterion);
  const b = words(task.title);
  const shared = [...a].filter((w) => b.has(w)).length;
  const smaller = Math.min(a.size, b.size);
  return smaller > 0 && shared >= Math.min(2, smaller) && shared / smaller >= 0.6;
}
