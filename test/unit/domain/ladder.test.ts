import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  dueTier,
  ladderSchema,
  ladderStartsAt,
  nextEscalation,
  pagedPagerDuty,
  pages,
  pagingTarget,
  tierDueAt,
} from '../../../src/domain/ladder.js';
import type { Ladder, LadderStart } from '../../../src/domain/ladder.js';
import { seed004Calendar } from './seed-004.js';

const at = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true });

// Seed 004: weekend blockers go to the lead at once and, unresolved after 4 hours, to the sponsor;
// the SRE on-call is the tertiary contact (an hour later here).
const seedLadder: Ladder = [
  { target: 'lead', delayMinutes: 0, businessHours: false },
  { target: 'sponsor', delayMinutes: 240, businessHours: false },
  { target: 'pagerduty:AIML-Auto', delayMinutes: 60, businessHours: false },
];

describe('escalation ladder on a weekend blocker (seed 004)', () => {
  const calendar = seed004Calendar();
  const openedAt = at('2026-12-12T10:00:00.000-08:00');

  it('reaches the lead at once and the sponsor after 4 hours', () => {
    expect(dueTier(seedLadder, openedAt, openedAt, calendar)?.tier.target).toBe('lead');
    expect(dueTier(seedLadder, openedAt, at('2026-12-12T13:59:59.999-08:00'), calendar)?.index).toBe(0);
    const sponsor = dueTier(seedLadder, openedAt, at('2026-12-12T14:00:00.000-08:00'), calendar);
    expect(sponsor?.tier.target).toBe('sponsor');
    expect(sponsor?.dueAt.toISO()).toBe('2026-12-12T14:00:00.000-08:00');
  });

  it('counts each delay from the previous tier: tier 3 is 4 h + 1 h after opening', () => {
    expect(tierDueAt(seedLadder, 2, openedAt, calendar).toISO()).toBe('2026-12-12T15:00:00.000-08:00');
    expect(dueTier(seedLadder, openedAt, at('2026-12-13T09:00:00.000-08:00'), calendar)?.index).toBe(2);
  });

  it('has no tier due before the first delay passes', () => {
    const later: Ladder = [{ target: 'lead', delayMinutes: 30, businessHours: false }];
    expect(dueTier(later, openedAt, at('2026-12-12T10:29:00.000-08:00'), calendar)).toBeNull();
  });

  it('refuses a tier the ladder does not have', () => {
    expect(() => tierDueAt(seedLadder, 3, openedAt, calendar)).toThrow(RangeError);
  });
});

describe('mixed business-hours and wall-clock tiers', () => {
  const calendar = seed004Calendar();
  const ladder: Ladder = [
    { target: 'lead', delayMinutes: 0, businessHours: false },
    { target: 'sponsor', delayMinutes: 240, businessHours: true },
    { target: 'on-call', delayMinutes: 60, businessHours: false },
  ];

  it('keeps tiers in order: the wall-clock tier after a business-hours one comes after it', () => {
    const friday = at('2026-12-11T16:00:00.000-08:00');
    const sponsor = tierDueAt(ladder, 1, friday, calendar);
    const onCall = tierDueAt(ladder, 2, friday, calendar);
    expect(sponsor.toISO()).toBe('2026-12-14T12:00:00.000-08:00');
    expect(onCall.toISO()).toBe('2026-12-14T13:00:00.000-08:00');
    expect(dueTier(ladder, friday, at('2026-12-12T12:00:00.000-08:00'), calendar)?.index).toBe(0);
  });
});

describe('a 4-hour tier across the spring-forward night (America/Los_Angeles)', () => {
  it('waits 4 real hours: opened 23:00 PST, the sponsor is due 04:00 PDT', () => {
    const calendar = seed004Calendar();
    const openedAt = at('2026-03-07T23:00:00.000-08:00');
    expect(tierDueAt(seedLadder, 1, openedAt, calendar).toISO()).toBe('2026-03-08T04:00:00.000-07:00');
  });
});

describe('nextEscalation', () => {
  const calendar = seed004Calendar();
  const openedAt = at('2026-12-12T10:00:00.000-08:00');

  it('gives the next tier and when it is due while the blocker is open', () => {
    expect(nextEscalation({ status: 'open', openedAt, tiersSent: 0 }, seedLadder, calendar)?.dueAt.toISO()).toBe(
      '2026-12-12T10:00:00.000-08:00',
    );
    const second = nextEscalation({ status: 'open', openedAt, tiersSent: 1 }, seedLadder, calendar);
    expect(second?.tier.target).toBe('sponsor');
    expect(second?.dueAt.toISO()).toBe('2026-12-12T14:00:00.000-08:00');
  });

  it('stops once the blocker is acknowledged or resolved, or the ladder runs out', () => {
    expect(nextEscalation({ status: 'acknowledged', openedAt, tiersSent: 1 }, seedLadder, calendar)).toBeNull();
    expect(nextEscalation({ status: 'resolved', openedAt, tiersSent: 0 }, seedLadder, calendar)).toBeNull();
    expect(nextEscalation({ status: 'open', openedAt, tiersSent: 3 }, seedLadder, calendar)).toBeNull();
  });
});

describe('ladderSchema', () => {
  it('defaults tiers to wall-clock delays and rejects an empty ladder or a negative delay', () => {
    expect(ladderSchema.parse([{ target: 'lead', delayMinutes: 0 }])).toEqual([
      { target: 'lead', delayMinutes: 0, businessHours: false },
    ]);
    expect(ladderSchema.safeParse([]).success).toBe(false);
    expect(ladderSchema.safeParse([{ target: 'lead', delayMinutes: -5 }]).success).toBe(false);
  });
});

describe('tier 1 at the next triage window (weekdays 14:00 PT)', () => {
  const calendar = seed004Calendar();
  const triage: LadderStart = {
    kind: 'next_window',
    window: { localTime: '14:00', zone: 'America/Los_Angeles', days: [1, 2, 3, 4, 5] },
  };

  it('waits for the same afternoon’s window, and later tiers count from it', () => {
    const openedAt = at('2026-12-09T10:00:00.000-08:00'); // Wednesday morning
    expect(tierDueAt(seedLadder, 0, openedAt, calendar, triage).toISO()).toBe('2026-12-09T14:00:00.000-08:00');
    expect(tierDueAt(seedLadder, 1, openedAt, calendar, triage).toISO()).toBe('2026-12-09T18:00:00.000-08:00');
    expect(dueTier(seedLadder, openedAt, at('2026-12-09T13:59:00.000-08:00'), calendar, triage)).toBeNull();
    expect(dueTier(seedLadder, openedAt, at('2026-12-09T14:00:00.000-08:00'), calendar, triage)?.index).toBe(0);
  });

  it('takes a blocker opened at 14:00 sharp into that window, and one opened after it into the next day’s', () => {
    expect(ladderStartsAt(triage, at('2026-12-09T14:00:00.000-08:00'), calendar).toISO()).toBe(
      '2026-12-09T14:00:00.000-08:00',
    );
    expect(ladderStartsAt(triage, at('2026-12-09T14:00:01.000-08:00'), calendar).toISO()).toBe(
      '2026-12-10T14:00:00.000-08:00',
    );
  });

  it('carries a Friday-evening blocker over the weekend to Monday, and past a holiday to Tuesday', () => {
    const friday = at('2026-12-11T16:00:00.000-08:00');
    expect(
      nextEscalation({ status: 'open', openedAt: friday, tiersSent: 0 }, seedLadder, calendar, triage)?.dueAt.toISO(),
    ).toBe('2026-12-14T14:00:00.000-08:00');
    expect(tierDueAt(seedLadder, 0, friday, seed004Calendar(['2026-12-14']), triage).toISO()).toBe(
      '2026-12-15T14:00:00.000-08:00',
    );
  });

  it('keeps 14:00 local across the spring-forward weekend', () => {
    const friday = at('2027-03-12T15:00:00.000-08:00');
    expect(tierDueAt(seedLadder, 0, friday, calendar, triage).toISO()).toBe('2027-03-15T14:00:00.000-07:00');
    expect(tierDueAt(seedLadder, 1, friday, calendar, triage).toISO()).toBe('2027-03-15T18:00:00.000-07:00');
  });

  it('changes nothing for a plan that escalates at once', () => {
    const openedAt = at('2026-12-09T10:00:00.000-08:00');
    expect(tierDueAt(seedLadder, 0, openedAt, calendar, { kind: 'at_once' }).toISO()).toBe(openedAt.toISO());
  });
});

describe('pagedPagerDuty', () => {
  it('is true once a fired tier paged, whatever the ladder says today', () => {
    expect(pagedPagerDuty(['member:sam', 'member:alex'])).toBe(false);
    expect(pagedPagerDuty(['member:sam', 'pagerduty:taylor-brooks'])).toBe(true);
    expect(pagedPagerDuty([])).toBe(false);
  });

  it('reads the same target the ladder gives a paging tier, so firing and acknowledging agree', () => {
    expect(pagedPagerDuty(['member:sam', pagingTarget('primary-on-call')])).toBe(true);
    expect(pages(pagingTarget('primary-on-call'))).toBe(true);
    expect(pages('role:on-call')).toBe(false);
  });
});

describe('a business-hours tier, in the zone of the person it goes to', () => {
  const calendar = seed004Calendar(); // America/Los_Angeles, Mon–Fri working days
  const ladder = (zone?: string): Ladder => [
    { target: 'member:sam', delayMinutes: 0, businessHours: false },
    { target: 'member:alex', delayMinutes: 240, businessHours: true, ...(zone ? { zone } : {}) },
  ];

  it('does not page at 03:00 for a blocker opened at 23:00: 4 business hours run from 09:00', () => {
    const openedAt = at('2026-12-08T23:00:00.000-08:00');
    expect(tierDueAt(ladder(), 1, openedAt, calendar).toISO()).toBe('2026-12-09T13:00:00.000-08:00');
  });

  it("counts the sponsor's own business day when the plan gives their zone", () => {
    // 15:00 in Los Angeles is 18:00 in New York: Alex's day is over, so the 4 hours are 09:00–13:00 New York time.
    const openedAt = at('2026-12-08T15:00:00.000-08:00');
    expect(tierDueAt(ladder(), 1, openedAt, calendar).toISO()).toBe('2026-12-09T11:00:00.000-08:00');
    expect(tierDueAt(ladder('America/New_York'), 1, openedAt, calendar).toISO()).toBe('2026-12-09T10:00:00.000-08:00');
  });
});
