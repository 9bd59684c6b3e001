import { reportReply } from '../messages/report-reply.js';
import type { ParticipationReport } from '../read-model/participation-report.js';
import type { PlanView } from '../read-model/plan-view.js';
import type { CommandOutcome } from './command-handler.js';

/**
 * `report [week]`: the week's numbers as a reply to the lead who asked. Leads and sponsors only
 * (COMMAND_SPECS): it names each member's answer rate, which is for the people running the plan,
 * not a channel scoreboard; the reply is ephemeral for the same reason. It changes nothing.
 */
export function reportCommand(view: PlanView, report: ParticipationReport, now: Date): CommandOutcome {
  const ladder = view.state.plan.document.ladder;
  return {
    reply: reportReply({
      planName: view.state.plan.name,
      zone: view.zone,
      report,
      now,
      tierLabel: (tier) => ladder[tier - 1]?.label,
      task: (key) => {
        const task = view.taskByKey(key);
        return task && { key: task.key, title: task.title, owner: view.member(task.ownerId)?.displayName ?? null };
      },
    }),
    effects: [],
  };
}
