import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { escalationResolved } from '../../../src/service/messages/escalation-resolved.js';
import { escalation, type EscalationInput } from '../../../src/service/messages/escalation.js';
import { actionsOf, expectWithinLimits, messageText } from './message-text.js';

const openedAt = DateTime.fromISO('2026-12-12T10:00', { zone: 'America/Los_Angeles' });
const input: EscalationInput = {
  planName: 'Sprint',
  blocker: { id: 'blk-42', number: 42, summary: 'Grafana cluster credentials missing', openedAt },
  tier: { number: 2, label: 'Executive Sponsor' },
  reportedBy: '<@UTAYLOR>',
  owner: '<@UTAYLOR>',
  task: { key: 'd12', title: 'Monitoring & Alerting' },
  now: openedAt.plus({ hours: 4, minutes: 1 }),
  reason: {
    kind: 'unacknowledged',
    previousTier: 1,
    previousLabel: 'Project Lead',
    delayMinutes: 240,
    businessHours: false,
  },
};

describe('escalation', () => {
  it('tells the tier who reported what, how long it has been open and why it reached them', () => {
    const message = escalation(input);
    const text = messageText(message);
    expect(message.kind).toBe('escalation');
    expect(text).toContain('Escalation · Tier 2 (Executive Sponsor)');
    expect(text).toContain('*#42* Grafana cluster credentials missing');
    expect(text).toContain('Reported by: <@UTAYLOR>');
    expect(text).toContain('Task: *d12* Monitoring & Alerting');
    expect(text).toContain('Open for: 4 h 1 min');
    expect(text).toContain('Nobody at tier 1 (Project Lead) acknowledged it within 4 h.');
    expectWithinLimits(message);
  });

  it('carries the blocker id on its one Acknowledge button', () => {
    expect(actionsOf(escalation(input))).toEqual([
      { id: 'blocker_ack', label: 'Acknowledge', value: 'blk-42', style: 'primary' },
    ]);
  });

  it('explains the other ways a blocker reaches a tier', () => {
    expect(messageText(escalation({ ...input, reason: { kind: 'first_tier' } }))).toContain(
      'first contact for new blockers',
    );
    expect(messageText(escalation({ ...input, reason: { kind: 'weekend' } }))).toContain(
      'weekend blockers go straight to this tier',
    );
    expect(messageText(escalation({ ...input, reason: { kind: 'manual', by: '<@USAM>' } }))).toContain(
      '<@USAM> escalated it by hand.',
    );
    const business = { kind: 'unacknowledged' as const, previousTier: 2, delayMinutes: 90, businessHours: true };
    expect(messageText(escalation({ ...input, reason: business }))).toContain('within 1 h 30 min business time');
  });
});

describe('escalationResolved', () => {
  it('tells those notified who resolved it, how, and after how long', () => {
    const message = escalationResolved({
      planName: 'Sprint',
      blocker: { number: 42, summary: 'Grafana cluster credentials missing', openedAt },
      task: { key: 'd12', title: 'Monitoring & Alerting' },
      resolvedBy: '<@USAM>',
      resolvedAt: openedAt.plus({ hours: 6 }).toJSDate(),
      resolution: 'Credentials rotated and shared via the vault.',
    });
    const text = messageText(message);
    expect(message.kind).toBe('escalation_resolved');
    expect(text).toContain(
      '*Resolved:* blocker *#42* Grafana cluster credentials missing on *d12* Monitoring & Alerting',
    );
    expect(text).toContain('Resolved by <@USAM> after 6 h.');
    expect(text).toContain('Resolution: Credentials rotated and shared via the vault.');
    expect(actionsOf(message)).toEqual([]);
  });
});
