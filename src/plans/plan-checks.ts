import type { Plan } from './plan-schema.js';
import { matchMember, memberKey } from './member-match.js';
import { memberRoleSchema } from './plan-primitives.js';

export type PlanPath = readonly (string | number)[];

/** A rule the schema alone cannot express (references, cycles, plan length). */
export interface PlanProblem {
  path: PlanPath;
  message: string;
}

/** Cross-field checks of a schema-valid plan; an empty list means the plan can be stored. */
export function checkPlan(plan: Plan): PlanProblem[] {
  return [
    ...checkMembers(plan),
    ...checkTasks(plan),
    ...checkCycles(plan),
    ...checkCalendar(plan),
    ...checkReferences(plan),
    ...checkStandupSettings(plan),
  ];
}

function checkMembers(plan: Plan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const seen = new Map<string, number>();
  plan.members.forEach((member, index) => {
    const key = memberKey(member);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else
      problems.push({
        path: ['members', index],
        message: `duplicate member '${member.name}' (key '${key}', also members[${first}])`,
      });
  });
  return problems;
}

function checkTasks(plan: Plan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const seen = new Map<string, number>();
  const keys = new Set(plan.tasks.map((task) => task.key));
  plan.tasks.forEach((task, index) => {
    const first = seen.get(task.key);
    if (first === undefined) seen.set(task.key, index);
    else
      problems.push({
        path: ['tasks', index, 'key'],
        message: `duplicate task key '${task.key}' (also tasks[${first}])`,
      });
    if (task.day !== undefined && task.date !== undefined) {
      problems.push({
        path: ['tasks', index, 'date'],
        message: `task '${task.key}' has both a day and a date; keep one`,
      });
    }
    task.dependsOn.forEach((dep, depIndex) => {
      if (!keys.has(dep)) {
        problems.push({
          path: ['tasks', index, 'dependsOn', depIndex],
          message: `task '${task.key}' depends on unknown task '${dep}'`,
        });
      }
    });
  });
  return problems;
}

/** Iterative DFS: a 5,000-task chain must not overflow the stack. */
function checkCycles(plan: Plan): PlanProblem[] {
  const indexByKey = new Map(plan.tasks.map((task, index) => [task.key, index] as const));
  const state = new Map<string, 'open' | 'done'>();
  for (const root of plan.tasks) {
    if (state.has(root.key)) continue;
    const stack: { key: string; next: number }[] = [{ key: root.key, next: 0 }];
    state.set(root.key, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (!frame) break;
      const task = plan.tasks[indexByKey.get(frame.key) ?? -1];
      const dep = task?.dependsOn[frame.next];
      frame.next += 1;
      if (dep === undefined) {
        state.set(frame.key, 'done');
        stack.pop();
        continue;
      }
      if (!indexByKey.has(dep)) continue;
      const seen = state.get(dep);
      if (seen === 'open') {
        const start = stack.findIndex((f) => f.key === dep);
        const cycle = [...stack.slice(start).map((f) => f.key), dep];
        return [
          {
            path: ['tasks', indexByKey.get(dep) ?? 0, 'dependsOn'],
            message: `dependency cycle: ${cycle.join(' -> ')}`,
          },
        ];
      }
      if (seen === undefined) {
        state.set(dep, 'open');
        stack.push({ key: dep, next: 0 });
      }
    }
  }
  return [];
}

function checkCalendar(plan: Plan): PlanProblem[] {
  const length = plan.lengthDays;
  if (length === undefined) return [];
  const weeks = Math.ceil(length / 7);
  const problems: PlanProblem[] = [];
  plan.tasks.forEach((task, index) => {
    if (task.day !== undefined && task.day > length) {
      problems.push({
        path: ['tasks', index, 'day'],
        message: `task '${task.key}' is on day ${task.day}, beyond the plan's ${length} days`,
      });
    }
    if (task.week !== undefined && task.week > weeks) {
      problems.push({
        path: ['tasks', index, 'week'],
        message: `task '${task.key}' is in week ${task.week}, beyond the plan's ${weeks} weeks`,
      });
    }
  });
  plan.buffer.days.forEach((day, index) => {
    if (day > length)
      problems.push({
        path: ['buffer', 'days', index],
        message: `buffer day ${day} is beyond the plan's ${length} days`,
      });
  });
  plan.milestones.forEach((milestone, index) => {
    if (milestone.dueDay !== undefined && milestone.dueDay > length) {
      problems.push({
        path: ['milestones', index, 'dueDay'],
        message: `milestone '${milestone.key}' is due on day ${milestone.dueDay}, beyond the plan's ${length} days`,
      });
    }
  });
  return problems;
}

function checkReferences(plan: Plan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const roles: readonly string[] = memberRoleSchema.options;
  plan.ladder.forEach((tier, index) => {
    const member = tier.target.kind === 'role' ? undefined : tier.target.member;
    if (member !== undefined && !matchMember(plan.members, member)) {
      problems.push({
        path: ['ladder', index, 'target', 'member'],
        message: `ladder tier ${index + 1} names '${member}', who is not a member`,
      });
    }
  });
  // Without a triage window there is no "next triage" to wait for; say so rather than page at once silently.
  if (plan.rules.firstTierAt === 'next_triage' && !plan.rituals.some((r) => r.kind === 'triage')) {
    problems.push({
      path: ['rules', 'firstTierAt'],
      message:
        "tier 1 waits for the next triage window, but the plan has no triage ritual; add one (e.g. 'blocker triage at 14:00 on weekdays') or escalate at once",
    });
  }
  const escalatesTo = plan.rules.slipEscalatesTo;
  if (escalatesTo !== undefined && !roles.includes(escalatesTo) && !matchMember(plan.members, escalatesTo)) {
    problems.push({
      path: ['rules', 'slipEscalatesTo'],
      message: `slips escalate to '${escalatesTo}', who is neither a member nor a role`,
    });
  }
  const seen = new Set<string>();
  plan.milestones.forEach((milestone, index) => {
    if (seen.has(milestone.key))
      problems.push({ path: ['milestones', index, 'key'], message: `duplicate milestone key '${milestone.key}'` });
    seen.add(milestone.key);
  });
  return problems;
}

const STANDUP_ONLY = ['ask', 'remindAfter', 'digestAt', 'digestAfter'] as const;

/** Who is asked, the reminder and the digest belong to stand-ups; a digest has one time, after the prompt. */
function checkStandupSettings(plan: Plan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  plan.rituals.forEach((ritual, index) => {
    if (ritual.kind !== 'standup') {
      for (const field of STANDUP_ONLY)
        if (ritual[field] !== undefined)
          problems.push({
            path: ['rituals', index, field],
            message: `'${field}' is for stand-ups only; remove it from the ${ritual.kind} ritual`,
          });
      return;
    }
    if (ritual.digestAt !== undefined && ritual.digestAfter !== undefined)
      problems.push({
        path: ['rituals', index, 'digestAfter'],
        message: 'give the digest one time: digestAt (a local time) or digestAfter (a duration), not both',
      });
    if (ritual.digestAt !== undefined && ritual.digestAt <= ritual.localTime)
      problems.push({
        path: ['rituals', index, 'digestAt'],
        message: `the digest at ${ritual.digestAt} would come before the ${ritual.localTime} stand-up it sums up; give a later time`,
      });
  });
  return problems;
}
