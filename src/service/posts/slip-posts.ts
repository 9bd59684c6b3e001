import { formatDate, plural } from '../messages/format.js';
import { composeMessage, joinWithin } from '../messages/limits.js';
import type { Message } from '../message.js';

export interface SlipAlertInput {
  planName: string;
  task: { key: string; title: string; dueDate: string };
  owner?: string | undefined;
  businessDaysLate: number;
  thresholdBusinessDays: number;
}

export function slipAlertMessage(input: SlipAlertInput): Message {
  const text = `${input.task.key} (${input.task.title}) in ${input.planName} is ${plural(input.businessDaysLate, 'business day')} late`;
  return composeMessage('slip_alert', text, [
    { type: 'header', text: `Slip: ${input.task.key} · ${input.task.title}` },
    {
      type: 'section',
      text: `Due ${formatDate(input.task.dueDate)}, still open: *${plural(input.businessDaysLate, 'business day')} late* (the plan escalates slips over ${plural(input.thresholdBusinessDays, 'business day')}). Owner: ${input.owner ?? 'nobody'}.`,
    },
    { type: 'context', text: 'Decide on resourcing or scope; dependants may be proposed for the next buffer day.' },
  ]);
}

export interface ReplanInput {
  proposalId: string;
  proposalNumber: number;
  slipped: { key: string; title: string };
  bufferDay: string | null;
  moves: { key: string; title: string; from: string; to: string }[];
  unplaced: { key: string; title: string }[];
  leads: string[];
}

/** Dependants of a slipped task, proposed for the next buffer day; only a lead's Approve moves them. */
export function replanProposalMessage(input: ReplanInput): Message {
  if (input.bufferDay === null) {
    const text = `${input.slipped.key} slipped and no buffer day is left for its dependants: re-plan needed`;
    return composeMessage('replan_proposal', text, [
      { type: 'header', text: `Re-plan #${input.proposalNumber}: no buffer day left` },
      { type: 'section', text: `${input.slipped.key} (${input.slipped.title}) slipped. These dependants cannot be placed on a buffer day:` },
      { type: 'list', items: input.unplaced.map((t) => `${t.key} · ${t.title}`) },
      { type: 'context', text: `${joinWithin(input.leads) || 'Leads'}: adjust the plan and re-import it.` },
    ]);
  }
  const text = `Re-plan #${input.proposalNumber}: move ${plural(input.moves.length, 'task')} to buffer day ${formatDate(input.bufferDay)} after ${input.slipped.key} slipped`;
  return composeMessage('replan_proposal', text, [
    { type: 'header', text: `Re-plan #${input.proposalNumber}: ${input.slipped.key} slipped` },
    { type: 'section', text: `${input.slipped.key} (${input.slipped.title}) is late. Proposed: move its dependants to the buffer day *${formatDate(input.bufferDay)}*.` },
    { type: 'list', items: input.moves.map((m) => `${m.key} · ${m.title}: ${formatDate(m.from)} → ${formatDate(m.to)}`) },
    { type: 'context', text: `${joinWithin(input.leads) || 'A lead'} can approve or reject.` },
    {
      type: 'actions',
      actions: [
        { id: 'replan_approve', label: 'Approve', value: input.proposalId, style: 'primary' },
        { id: 'replan_reject', label: 'Reject', value: input.proposalId, style: 'danger' },
      ],
    },
  ]);
}
