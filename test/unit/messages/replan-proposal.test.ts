import { describe, expect, it } from 'vitest';
import { replanProposal, type ReplanProposalInput } from '../../../src/service/messages/replan-proposal.js';
import { actionsOf, expectWithinLimits, messageText } from './message-text.js';

const input: ReplanProposalInput = {
  planName: 'Sprint',
  proposal: { id: 'rp-7f3', number: 3 },
  slipped: { key: 'd3', title: 'Data Ingestion', newDate: '2026-12-10' },
  bufferDay: '2026-12-12',
  moves: [
    { key: 'd4', title: 'Data Quality', from: '2026-12-10', to: '2026-12-12' },
    { key: 'd5', title: 'Automation Blueprint', from: '2026-12-11', to: '2026-12-12' },
  ],
  unplaced: [],
  lead: '<@USAM>',
};

describe('replanProposal', () => {
  it('lists each dependant with its move to the buffer day and asks the lead to approve or reject', () => {
    const message = replanProposal(input);
    const text = messageText(message);
    expect(message.kind).toBe('replan_proposal');
    expect(text).toContain(
      '<@USAM>: *d3* Data Ingestion slipped to Thu 10 Dec. Proposal *#3* moves 2 dependants to the buffer day Sat 12 Dec.',
    );
    expect(text).toContain('• *d4* Data Quality: Thu 10 Dec → Sat 12 Dec');
    expect(text).toContain('• *d5* Automation Blueprint: Fri 11 Dec → Sat 12 Dec');
    expect(actionsOf(message).map((action) => `${action.id}=${action.value}`)).toEqual([
      'replan_approve=rp-7f3',
      'replan_reject=rp-7f3',
    ]);
  });

  it('without a buffer day lists the dependants as unplaced and offers no Approve', () => {
    const message = replanProposal({
      ...input,
      bufferDay: null,
      moves: [],
      unplaced: [{ key: 'd21', title: 'Retrospective', dueDate: '2026-12-27' }],
    });
    const text = messageText(message);
    expect(text).toContain('There is no buffer day left, so 1 dependant cannot be placed automatically');
    expect(text).toContain('• *d21* Retrospective (due Sun 27 Dec): unplaced');
    expect(actionsOf(message).map((action) => action.id)).toEqual(['replan_reject']);
    expect(message.text).toBe('Re-plan needed: no buffer day left for 1 task.');
  });

  it('keeps a huge proposal inside the limits and says the rest is included', () => {
    const moves = Array.from({ length: 2000 }, (_, i) => ({
      key: `task-${i}`,
      title: 'A dependant task with a long descriptive title',
      from: '2026-12-10',
      to: '2026-12-12',
    }));
    const message = replanProposal({ ...input, moves });
    expectWithinLimits(message);
    expect(messageText(message)).toMatch(/…and \d+ more tasks, all part of this proposal\./);
    expect(actionsOf(message)).toHaveLength(2);
  });
});
