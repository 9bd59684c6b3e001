import { describe, expect, it } from 'vitest';
import {
  swapDecision,
  weekendCheckin,
  type WeekendCheckinInput,
} from '../../../src/service/messages/weekend-checkin.js';
import { expectWithinLimits, messageText } from './message-text.js';

const base: WeekendCheckinInput = {
  planName: 'Sprint',
  date: '2026-12-12',
  previousWorkingDay: '2026-12-11',
  openBlockers: 0,
  overdueTasks: 0,
  people: [
    { mention: '<@USAM>', bufferTasks: [{ key: 'd6', title: 'Weekend buffer' }], openBlockers: [] },
    { mention: '<@ULUIS>', bufferTasks: [], openBlockers: [{ number: 12, summary: 'Waiting on GA4 keys' }] },
    { mention: '<@UIDLE>', bufferTasks: [], openBlockers: [] },
  ],
  swapRule: 'if the prior weekday closes cleanly, pull forward backlog; otherwise stabilise.',
};

describe('weekendCheckin', () => {
  it('after a clean close lets owners pull forward backlog, and says why', () => {
    const message = weekendCheckin(base);
    const text = messageText(message);
    expect(swapDecision(base)).toBe('pull_forward');
    expect(text).toContain(
      '*Swap rule: pull forward.* Fri 11 Dec closed cleanly (no open blockers, nothing overdue), so owners may pull forward backlog items.',
    );
    expect(message.text).toContain('pull forward backlog');
  });

  it('after an unclean close asks to stabilise, counting blockers and overdue tasks', () => {
    const input = { ...base, openBlockers: 2, overdueTasks: 1 };
    const text = messageText(weekendCheckin(input));
    expect(swapDecision(input)).toBe('stabilise');
    expect(text).toContain(
      '*Swap rule: stabilise.* Fri 11 Dec did not close cleanly (2 open blockers / 1 overdue task), so today is for stabilising open issues',
    );
    expect(swapDecision({ openBlockers: 0, overdueTasks: 3 })).toBe('stabilise');
  });

  it('mentions only members with buffer-day work or open blockers', () => {
    const text = messageText(weekendCheckin(base));
    expect(text).toContain('<@USAM>\n• Buffer-day work: *d6* Weekend buffer');
    expect(text).toContain('<@ULUIS>\n• Open blocker *#12* Waiting on GA4 keys');
    expect(text).not.toContain('<@UIDLE>');
  });

  it('quotes the plan rule and copes with nobody to mention', () => {
    const text = messageText(weekendCheckin({ ...base, people: [] }));
    expect(text).toContain('Plan rule: if the prior weekday closes cleanly');
    expect(text).toContain('Nobody has buffer-day work or an open blocker.');
  });

  it('summarises people past the block limit', () => {
    const people = Array.from({ length: 80 }, (_, i) => ({
      mention: `<@U${i}>`,
      bufferTasks: [{ key: `t${i}`, title: 'Buffer task' }],
      openBlockers: [],
    }));
    const message = weekendCheckin({ ...base, people });
    expectWithinLimits(message);
    expect(messageText(message)).toContain('<@U79>');
  });
});
