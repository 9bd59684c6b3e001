import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { RankedBlockerView } from '../../../src/service/messages/blocker-entry.js';
import { blockersReply } from '../../../src/service/messages/blockers-reply.js';
import { triage } from '../../../src/service/messages/triage.js';
import { actionsOf, expectWithinLimits, messageText } from './message-text.js';

const zone = 'America/Los_Angeles';
const now = DateTime.fromISO('2026-12-14T14:00', { zone });
const blocker = (n: number, overrides: Partial<RankedBlockerView> = {}): RankedBlockerView => ({
  id: `blk-${n}`,
  number: n,
  summary: `Problem ${n}`,
  status: 'open',
  owner: `<@U${n}>`,
  task: { key: `d${n}`, title: `Task ${n}` },
  openedAt: now.minus({ hours: n }),
  dependants: 0,
  milestone: null,
  ...overrides,
});

const ranked = [
  blocker(12, {
    summary: 'Waiting on GA4 keys',
    owner: '<@ULUIS>',
    task: { key: 'd3', title: 'Configure Airbyte connectors' },
    openedAt: now.minus({ hours: 5, minutes: 12 }),
    dependants: 4,
    milestone: { name: 'Stakeholder playback', daysUntil: 7 },
  }),
  blocker(7, { status: 'acknowledged', acknowledgedBy: '<@USAM>', dependants: 1 }),
];

describe('triage', () => {
  it('lists blockers in the given rank with owner, task, age and downstream impact', () => {
    const message = triage({ planName: 'Sprint', now, zone, blockers: ranked });
    const text = messageText(message);
    expect(message.kind).toBe('triage');
    expect(text).toContain('Mon 14 Dec, 14:00 PST');
    expect(text.indexOf('*1. #12*')).toBeLessThan(text.indexOf('*2. #7*'));
    expect(text).toContain(
      '*1. #12* Waiting on GA4 keys\n*d3* Configure Airbyte connectors · <@ULUIS> · open 5 h 12 min · not acknowledged',
    );
    expect(text).toContain('holds up 4 tasks downstream · threatens *Stakeholder playback* in 7 days');
    expect(text).toContain('acknowledged by <@USAM>');
    expectWithinLimits(message);
  });

  it('gives each blocker Acknowledge / Resolve / Escalate carrying its id; an acknowledged one has no Acknowledge', () => {
    const actions = actionsOf(triage({ planName: 'Sprint', now, zone, blockers: ranked }));
    expect(actions.map((action) => `${action.id}=${action.value}`)).toEqual([
      'blocker_ack=blk-12',
      'blocker_resolve=blk-12',
      'blocker_escalate=blk-12',
      'blocker_resolve=blk-7',
      'blocker_escalate=blk-7',
    ]);
  });

  it('shows the top ten with buttons and names the rest in one line', () => {
    const many = Array.from({ length: 60 }, (_, i) => blocker(i + 1));
    const message = triage({ planName: 'Sprint', now, zone, blockers: many });
    expectWithinLimits(message);
    const buttons = actionsOf(message).filter((action) => action.id === 'blocker_ack');
    expect(buttons.map((action) => action.value)).toEqual(many.slice(0, 10).map((b) => b.id));
    const summary = message.blocks.at(-1);
    expect(summary).toEqual({
      type: 'context',
      text: expect.stringMatching(
        /^…and 50 more blockers with less impact: #11 \(d11\), #12 \(d12\), .*#60 \(d60\)\. See `\/plan blockers`\.$/,
      ),
    });
  });

  it('never passes the block limit, however many it is asked to show', () => {
    const many = Array.from({ length: 200 }, (_, i) => blocker(i + 1, { summary: 'x'.repeat(3500) }));
    const message = triage({ planName: 'Sprint', now, zone, blockers: many, maxShown: 500 });
    expectWithinLimits(message);
    // 2 head blocks + 23 blockers × (section + buttons) + 1 summary line.
    expect(message.blocks).toHaveLength(49);
    expect(messageText(message)).toContain('…and 177 more blockers');
  });

  it('says when there is nothing to triage', () => {
    expect(messageText(triage({ planName: 'Sprint', now, zone, blockers: [] }))).toContain(
      'No open blockers right now.',
    );
  });
});

describe('blockersReply', () => {
  it('is the same ranked list, only for the asker', () => {
    const message = blockersReply({ planName: 'Sprint', now, blockers: ranked });
    expect(message).toMatchObject({ kind: 'reply', ephemeral: true });
    const text = messageText(message);
    expect(text).toContain('2 open blockers on Sprint, most downstream impact first.');
    expect(text.indexOf('#12')).toBeLessThan(text.indexOf('#7'));
    expect(
      actionsOf(message)
        .filter((action) => action.id === 'blocker_resolve')
        .map((action) => action.value),
    ).toEqual(['blk-12', 'blk-7']);
  });

  it('fits a long list into the limits with a summary', () => {
    const message = blockersReply({
      planName: 'Sprint',
      now,
      blockers: Array.from({ length: 40 }, (_, i) => blocker(i + 1)),
    });
    expectWithinLimits(message);
    expect(messageText(message)).toMatch(/…and \d+ more blockers with less impact/);
  });

  it('answers an empty list plainly', () => {
    expect(blockersReply({ planName: 'Sprint', now, blockers: [] }).text).toBe('No open blockers on Sprint.');
  });
});
