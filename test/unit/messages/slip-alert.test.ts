import { describe, expect, it } from 'vitest';
import { slipAlert } from '../../../src/service/messages/slip-alert.js';
import { expectWithinLimits, messageText } from './message-text.js';

describe('slipAlert', () => {
  it("addresses the rule's target with the task, how late it is against the threshold, and what it threatens", () => {
    const message = slipAlert({
      planName: 'Sprint',
      task: { key: 'd10', title: 'API Layer' },
      owner: '<@UJAMIE>',
      dueDate: '2026-12-16',
      daysLate: 2,
      thresholdDays: 1,
      target: '<@UALEX>',
      dependants: 2,
      milestone: { name: 'Production launch', daysUntil: 9 },
    });
    const text = messageText(message);
    expect(message.kind).toBe('slip_alert');
    expect(text).toContain(
      "<@UALEX>: *d10* API Layer was due Wed 16 Dec and is 2 business days late, past the plan's 1 business day threshold.",
    );
    expect(text).toContain('Owner: <@UJAMIE> · holds up 2 tasks downstream · threatens *Production launch* in 9 days');
    expect(message.text).toBe('Slip on Sprint: d10 is 2 business days late.');
    expectWithinLimits(message);
  });
});
