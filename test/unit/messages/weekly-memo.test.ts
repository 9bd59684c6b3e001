import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { weeklyMemo, type WeeklyMemoInput } from '../../../src/service/messages/weekly-memo.js';
import { expectWithinLimits, messageText } from './message-text.js';

const now = DateTime.fromISO('2026-12-18T16:00', { zone: 'America/Los_Angeles' });
const input: WeeklyMemoInput = {
  planName: 'Sprint',
  planVersion: 2,
  week: { from: '2026-12-14', to: '2026-12-20' },
  now,
  planned: [
    { key: 'd8', title: 'Model Selection' },
    { key: 'd9', title: 'Model Tuning' },
    { key: 'd10', title: 'API Layer' },
    { key: 'd11', title: 'QA Automation' },
  ],
  done: [{ key: 'd8', title: 'Model Selection' }],
  slipped: [
    { key: 'd10', title: 'API Layer', owner: '<@UJAMIE>' },
    { key: 'd11', title: 'QA Automation', owner: '<@URILEY>' },
  ],
  moved: [{ key: 'd11', title: 'QA Automation', from: '2026-12-17', to: '2026-12-19' }],
  openBlockers: [
    {
      number: 12,
      summary: 'GPU credits not approved',
      task: { key: 'd9', title: 'Model Tuning' },
      openedAt: now.minus({ days: 2 }),
    },
  ],
  rebaseline: {
    criticalSlipped: [
      { key: 'd10', title: 'API Layer' },
      { key: 'd11', title: 'QA Automation' },
    ],
    threshold: 2,
  },
};

describe('weeklyMemo', () => {
  it('shows planned vs done, slipped, moved and open blockers', () => {
    const message = weeklyMemo(input);
    const text = messageText(message);
    expect(message.kind).toBe('weekly_memo');
    expect(text).toContain('Mon 14 Dec – Sun 20 Dec · plan version 2');
    expect(text).toContain('Planned: 4\nDone: 1 (25%)\nSlipped: 2\nMoved: 1\nOpen blockers: 1');
    expect(text).toContain('• *d10* API Layer · <@UJAMIE>');
    expect(text).toContain('• *d11* QA Automation: Thu 17 Dec → Sat 19 Dec');
    expect(text).toContain('• #12 GPU credits not approved (d9) · open 2 d');
    expectWithinLimits(message);
  });

  it('suggests a re-baseline with the reason when the rule fires', () => {
    const text = messageText(weeklyMemo(input));
    expect(text).toContain(
      '*Re-baseline suggested:* 2 critical-path tasks slipped together (d10 and d11); the plan re-baselines at 2.',
    );
    expect(weeklyMemo(input).text).toContain('re-baseline suggested');
  });

  it('suggests nothing when the rule does not fire', () => {
    const message = weeklyMemo({ ...input, rebaseline: null });
    expect(messageText(message)).not.toContain('Re-baseline');
  });

  it('stays inside the limits for a large plan', () => {
    const tasks = Array.from({ length: 500 }, (_, i) => ({
      key: `t${i}`,
      title: 'Some task with a reasonably long title for a memo line',
    }));
    const message = weeklyMemo({
      ...input,
      planned: tasks,
      done: tasks,
      slipped: tasks,
      moved: tasks.map((t) => ({ ...t, from: '2026-12-14', to: '2026-12-19' })),
    });
    expectWithinLimits(message);
    expect(messageText(message)).toContain('*Slipped (500)*');
    expect(messageText(message)).toContain('…and 460 more');
  });
});
