import type { Effect } from '../service/effects.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

interface Touched {
  plans: string[];
  tasks: string[];
  blockers: string[];
  rituals: string[];
  members: string[];
  replans: string[];
}

/** The rows each effect changes that a PlanState shows; occurrences, replies and the audit log are not in it. */
function touched(effects: readonly Effect[]): Touched {
  const t: Touched = { plans: [], tasks: [], blockers: [], rituals: [], members: [], replans: [] };
  for (const effect of effects) {
    switch (effect.type) {
      case 'blocker.open':
      case 'replan.create':
      case 'plan.version':
      case 'plan.holidays':
        t.plans.push(effect.planId);
        break;
      case 'blocker.update':
      case 'escalation.claim':
        t.blockers.push(effect.blockerId);
        break;
      case 'task.update':
      case 'task.slip_claim':
        t.tasks.push(effect.taskId);
        break;
      case 'ritual.advance':
        t.rituals.push(effect.ritualId);
        break;
      case 'identity.link':
      case 'member.time_off':
        t.members.push(effect.memberId);
        break;
      case 'replan.decide':
        t.replans.push(effect.replanId);
        break;
      case 'occurrence.claim':
      case 'occurrence.reminded':
      case 'occurrence.digested':
      case 'standup.reply':
      case 'outbox':
      case 'audit':
        break;
      default: {
        // A new effect must say here whether it changes what a PlanState shows.
        const unhandled: never = effect;
        throw new Error(`plan-revision: unhandled effect ${(unhandled as Effect).type}`);
      }
    }
  }
  return t;
}

/**
 * Bumps `plan.revision` of every plan the effects change, in their transaction: one statement,
 * run after the effects so rows they created are found. Cached plan states compare revisions.
 */
export async function bumpPlanRevisions(tx: Tx, effects: readonly Effect[]): Promise<void> {
  const t = touched(effects);
  if (Object.values(t).every((ids) => ids.length === 0)) return;
  await tx.$executeRaw`
    UPDATE plan SET revision = revision + 1
     WHERE id IN (
       SELECT unnest(${t.plans}::uuid[])
       UNION SELECT plan_id FROM task WHERE id = ANY(${t.tasks}::uuid[])
       UNION SELECT plan_id FROM blocker WHERE id = ANY(${t.blockers}::uuid[])
       UNION SELECT plan_id FROM ritual WHERE id = ANY(${t.rituals}::uuid[])
       UNION SELECT plan_id FROM member WHERE id = ANY(${t.members}::uuid[])
       UNION SELECT plan_id FROM replan_proposal WHERE id = ANY(${t.replans}::uuid[]))`;
}
