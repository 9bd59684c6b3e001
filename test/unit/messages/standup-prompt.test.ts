import { describe, expect, it } from 'vitest';
import { standupPrompt } from '../../../src/service/messages/standup-prompt.js';
import { standupReminder } from '../../../src/service/messages/standup-reminder.js';
import { actionsOf, expectWithinLimits, messageText } from './message-text.js';

const input = {
  planName: 'AI Marketing Automation Sprint',
  date: '2026-12-09',
  owners: [
    { mention: '<@ULUIS>', dueToday: [{ key: 'd3', title: 'Configure Airbyte connectors' }], overdue: [] },
    { mention: '@Priya Mehta', dueToday: [], overdue: [{ key: 'd2', title: 'Run Screaming Frog crawl', daysLate: 2 }] },
  ],
  off: ['<@UMORGAN>'],
  updateRef: 'standup:plan-1:2026-12-09',
};

describe('standupPrompt', () => {
  it('names each owner with their tasks due today and their overdue tasks with days late', () => {
    const message = standupPrompt(input);
    const text = messageText(message);
    expect(message.kind).toBe('standup_prompt');
    expect(text).toContain('Stand-up · AI Marketing Automation Sprint');
    expect(text).toContain('Wed 9 Dec');
    expect(text).toMatch(/<@ULUIS>\n• Due today: \*d3\* Configure Airbyte connectors/);
    expect(text).toMatch(/@Priya Mehta\n• Overdue: \*d2\* Run Screaming Frog crawl \(2 days late\)/);
    expectWithinLimits(message);
  });

  it('asks the default did / doing / blockers questions and offers the Post update button', () => {
    const message = standupPrompt(input);
    const text = messageText(message);
    expect(text).toContain('What did you get done');
    expect(text).toContain('What are you doing today?');
    expect(text).toContain('Is anything blocking you?');
    expect(actionsOf(message)).toEqual([
      { id: 'standup_update', label: 'Post update', value: 'standup:plan-1:2026-12-09', style: 'primary' },
    ]);
  });

  it("uses the ritual's own questions when it has them", () => {
    const text = messageText(standupPrompt({ ...input, questions: ['Shipped?', 'Next?'] }));
    expect(text).toContain('1. Shipped?\n2. Next?');
    expect(text).not.toContain('What are you doing today?');
  });

  it('lists members who are off as off today, without prompting them', () => {
    const message = standupPrompt(input);
    const offBlocks = message.blocks.filter((block) => block.type === 'context' && block.text.startsWith('Off today'));
    expect(offBlocks).toEqual([{ type: 'context', text: 'Off today: <@UMORGAN>' }]);
    const sections = message.blocks
      .filter((block) => block.type === 'section')
      .map((block) => (block.type === 'section' ? block.text : ''));
    expect(sections.some((text) => text.includes('<@UMORGAN>'))).toBe(false);
  });

  it('summarises owners past the block limit and still mentions every one of them', () => {
    const owners = Array.from({ length: 120 }, (_, i) => ({
      mention: `<@U${i}>`,
      dueToday: [{ key: `t${i}`, title: 'Task' }],
      overdue: [],
    }));
    const message = standupPrompt({ ...input, owners, off: [] });
    expectWithinLimits(message);
    expect(message.blocks).toHaveLength(50);
    const text = messageText(message);
    for (const owner of owners) expect(text).toContain(owner.mention);
    expect(text).toMatch(/…and \d+ more people with work today: /);
    expect(actionsOf(message)).toHaveLength(1);
  });

  it('keeps one owner with hundreds of tasks inside one text', () => {
    const dueToday = Array.from({ length: 400 }, (_, i) => ({
      key: `k${i}`,
      title: 'A fairly long task title about data quality checks',
    }));
    const message = standupPrompt({ ...input, owners: [{ mention: '<@UBIG>', dueToday, overdue: [] }] });
    expectWithinLimits(message);
    expect(messageText(message)).toMatch(/…and \d+ more: see `\/plan today`/);
  });

  it('says so when nobody has anything due', () => {
    expect(messageText(standupPrompt({ ...input, owners: [] }))).toContain('No tasks due today and nothing overdue.');
  });
});

describe('standupReminder', () => {
  it('names only who has not answered, with the same button', () => {
    const message = standupReminder({
      planName: 'Sprint',
      date: '2026-12-09',
      pending: ['<@U1>', '<@U2>'],
      updateRef: 'ref-1',
    });
    expect(message.kind).toBe('standup_reminder');
    expect(messageText(message)).toContain('<@U1> and <@U2>, the Sprint stand-up for Wed 9 Dec is still waiting');
    expect(actionsOf(message)[0]?.value).toBe('ref-1');
  });

  it('stays within one text for thousands of names', () => {
    const pending = Array.from({ length: 10_000 }, (_, i) => `<@U${String(i).padStart(8, '0')}>`);
    const message = standupReminder({ planName: 'Sprint', date: '2026-12-09', pending, updateRef: 'ref' });
    expectWithinLimits(message);
    expect(messageText(message)).toMatch(/and \d+ more, the Sprint stand-up/);
  });
});
