import type { IsoDate } from '../../domain/types.js';
import type { Message, MessageBlock } from './message.js';
import { formatDate, plural, taskLabel, type TaskRef } from './format.js';
import { composeMessage, fitGroups } from './limits.js';

export interface ReplanProposalInput {
  planName: string;
  proposal: { id: string; number: number };
  slipped: TaskRef & { newDate: IsoDate };
  /** Null when the plan has no buffer day left. */
  bufferDay: IsoDate | null;
  moves: readonly (TaskRef & { from: IsoDate; to: IsoDate })[];
  /** Affected dependants with nowhere to go (no buffer day left). */
  unplaced: readonly (TaskRef & { dueDate: IsoDate })[];
  /** Who decides, addressed at the top. */
  lead?: string;
  /** The dependant whose date made the proposal come before the slip threshold. */
  forcedBy?: TaskRef & { dueDate: IsoDate };
}

const LINES_PER_BLOCK = 20;

function lineGroups(lines: readonly string[]): MessageBlock[][] {
  const groups: MessageBlock[][] = [];
  for (let start = 0; start < lines.length; start += LINES_PER_BLOCK) {
    groups.push([{ type: 'list', items: lines.slice(start, start + LINES_PER_BLOCK) }]);
  }
  return groups;
}

/** Dependants of a slipped task proposed onto the next buffer day; the lead approves or rejects. */
export function replanProposal(input: ReplanProposalInput): Message {
  const placed = input.bufferDay !== null && input.unplaced.length === 0;
  const who = input.lead ? `${input.lead}: ` : '';
  const slip = input.forcedBy
    ? `${taskLabel(input.slipped)} is still open at the close of business, so it cannot be done before ${formatDate(input.slipped.newDate)}, and ${taskLabel(input.forcedBy)} waits on it, due ${formatDate(input.forcedBy.dueDate)}.`
    : `${taskLabel(input.slipped)} slipped to ${formatDate(input.slipped.newDate)}.`;
  const intro = placed
    ? `${who}${slip} Proposal *#${input.proposal.number}* moves ${plural(input.moves.length, 'dependant')} to the buffer day ${formatDate(input.bufferDay ?? '')}.`
    : `${who}${slip} There is no buffer day left, so ${plural(input.unplaced.length, 'dependant')} cannot be placed automatically: re-plan them by hand.`;
  const lines = placed
    ? input.moves.map((move) => `${taskLabel(move)}: ${formatDate(move.from)} → ${formatDate(move.to)}`)
    : input.unplaced.map((task) => `${taskLabel(task)} (due ${formatDate(task.dueDate)}): unplaced`);
  // Approving moves every listed task, including any the summary line stands in for.
  const tail: MessageBlock[] = [
    {
      type: 'actions',
      actions: placed
        ? [
            { id: 'replan_approve', label: 'Approve', value: input.proposal.id, style: 'primary' },
            { id: 'replan_reject', label: 'Reject', value: input.proposal.id },
          ]
        : [{ id: 'replan_reject', label: 'Dismiss', value: input.proposal.id }],
    },
  ];
  const blocks = fitGroups({
    head: [
      { type: 'header', text: `Re-plan proposal #${input.proposal.number} · ${input.planName}` },
      { type: 'section', text: intro },
    ],
    groups: lineGroups(lines),
    tail,
    summarise: (_hidden, shown) =>
      `…and ${plural(lines.length - shown * LINES_PER_BLOCK, 'more task')}, all part of this proposal.`,
  });
  const text = placed
    ? `Re-plan proposal #${input.proposal.number}: move ${plural(input.moves.length, 'task')} to ${formatDate(input.bufferDay ?? '')}.`
    : `Re-plan needed: no buffer day left for ${plural(input.unplaced.length, 'task')}.`;
  return composeMessage('replan_proposal', text, blocks);
}
