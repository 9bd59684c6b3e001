import { describe, expect, it } from 'vitest';
import { toSlackMessage } from '../../../src/adapters/slack/block-kit.js';
import { toAdaptiveCard } from '../../../src/adapters/teams/adaptive-card.js';
import { cardBytes, MAX_CARD_BYTES } from '../../../src/adapters/teams/card-fit.js';
import { reportReply } from '../../../src/service/messages/report-reply.js';
import type { ParticipationReport } from '../../../src/service/read-model/participation-report.js';
import { expectSlackLimits } from '../adapters/slack/slack-expect.js';
import { checkCard } from '../adapters/teams/card-validation.js';
import { expectWithinLimits, messageText } from './message-text.js';

const zone = 'America/Los_Angeles';
const now = new Date('2026-12-16T18:00:00Z');

function report(members: number, slipped: number): ParticipationReport {
  const keys = Array.from({ length: slipped }, (_, i) => `d${i + 1}`);
  return {
    week: {
      week: 2,
      range: { from: '2026-12-14', to: '2026-12-20' },
      window: { from: new Date('2026-12-14T08:00:00Z'), to: new Date('2026-12-21T08:00:00Z') },
      running: true,
    },
    members: Array.from({ length: members }, (_, i) => ({
      memberId: `m${i}`,
      name: `Member ${i}${' with a long name'.repeat(i % 5)}`,
      prompts: i % 4 === 0 ? 0 : 3,
      answers: i % 4 === 0 ? 0 : i % 3,
      answerRate: i % 4 === 0 ? null : (i % 3) / 3,
      medianAnswerSeconds: i % 4 === 0 || i % 3 === 0 ? null : 600 + i,
    })),
    totals: { prompts: 30, answers: 20, answerRate: 2 / 3, medianAnswerSeconds: 1260 },
    blockers: {
      opened: 3,
      resolved: 1,
      open: 2,
      acks: [
        { tier: 0, acknowledged: 1, medianSeconds: 30 },
        { tier: 2, acknowledged: 2, medianSeconds: 2700 },
      ],
    },
    delivery: {
      range: { from: '2026-12-14', to: '2026-12-20' },
      planned: keys,
      done: [],
      slipped: keys,
      moved: keys.map((taskKey) => ({ taskKey, from: '2026-12-15', to: '2026-12-19' })),
    },
    replans: { proposed: 1, approved: 1 },
  };
}

const reply = (r: ParticipationReport) =>
  reportReply({
    planName: 'Checkout sprint',
    zone,
    report: r,
    now,
    tierLabel: (tier) => ['Primary', 'Secondary'][tier - 1],
    task: (key) => ({ key, title: `Title of ${key}`, owner: 'Luis Romero' }),
  });

describe('reportReply', () => {
  it('reads as a table per part, with "—" for a member nobody asked', () => {
    const text = messageText(reply(report(4, 1)));
    expect(text).toContain('Report · Checkout sprint · week 2');
    expect(text).toContain('Mon 14 Dec – Sun 20 Dec · so far, as of Wed 16 Dec, 10:00 PST');
    expect(text).toContain('Answered: 20 of 30 (67 %)');
    expect(text).toContain('Median answer time: 21 min');
    expect(text).toContain('• Member 0: — (not asked this week)');
    expect(text).toContain('• Member 1 with a long name: 1 of 3 answered (33 %), median 10 min');
    expect(text).toContain(
      '• Member 3 with a long name with a long name with a long name: 0 of 3 answered (0 %), median —',
    );
    expect(text).toContain('• Before the ladder reached anyone: 1 acknowledged, median under a minute after the ping');
    expect(text).toContain('• Tier 2 (Secondary): 2 acknowledged, median 45 min after the ping');
    expect(text).toContain('• *d1* Title of d1 · Luis Romero: Tue 15 Dec → Sat 19 Dec');
    expect(text).toContain('1 re-plan proposed this week, 1 approved.');
  });

  it('stays within the Slack and Teams limits for a plan of 300 members and 200 slipped tasks', () => {
    const message = reply(report(300, 200));
    expectWithinLimits(message);
    expectSlackLimits(toSlackMessage(message));
    const card = toAdaptiveCard(message);
    expect(checkCard(card).problems).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(messageText(message)).toContain('…and 250 more');
    expect(messageText(message)).toContain('…and 175 more');
  });
});
