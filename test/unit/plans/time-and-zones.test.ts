import { describe, expect, it } from 'vitest';
import { timesIn } from '../../../src/plans/markdown/time-of-day.js';
import { lookupZone, seasonMismatch } from '../../../src/plans/markdown/zone-abbreviations.js';
import { weekdaysIn } from '../../../src/plans/markdown/weekday-text.js';

describe('times in prose', () => {
  it.each([
    ['Daily stand-up (09:00 PT)', '09:00', 'America/Los_Angeles'],
    ['Time: 9:30 AM PST', '09:30', 'America/Los_Angeles'],
    ['Tuesday 2 PM ET', '14:00', 'America/New_York'],
    ['at 14:00 on weekdays', '14:00', undefined],
    ['12 am UTC', '00:00', 'UTC'],
    ['12:30 pm CEST', '12:30', 'Europe/Berlin'],
    ['10:00 IST', '10:00', 'Asia/Kolkata'],
    ['08:00 America/Chicago', '08:00', 'America/Chicago'],
    ['5 p.m. CT', '17:00', 'America/Chicago'],
  ])('%s', (text, localTime, zone) => {
    const [time] = timesIn(text);
    expect(time?.localTime).toBe(localTime);
    expect(time?.zone).toBe(zone);
  });

  it('ignores numbers that are not times', () => {
    expect(timesIn('99.9% uptime, 3 engineers, Days 1-5, version 2.10, 1:1 meetings')).toEqual([]);
  });

  it('flags a zone-like token it does not know', () => {
    expect(timesIn('09:00 XST')[0]?.unknownZone).toBe('XST');
  });
});

describe('zones', () => {
  it('maps abbreviations and words to IANA zones', () => {
    expect(['PT', 'PDT', 'MT', 'CT', 'EST', 'GMT', 'CET', 'IST', 'Pacific'].map((z) => lookupZone(z)?.zone)).toEqual([
      'America/Los_Angeles',
      'America/Los_Angeles',
      'America/Denver',
      'America/Chicago',
      'America/New_York',
      'UTC',
      'Europe/Berlin',
      'Asia/Kolkata',
      'America/Los_Angeles',
    ]);
    expect(lookupZone('XYZ')).toBeUndefined();
  });

  it('warns for PST on a summer plan and PDT on a winter plan, not for PT', () => {
    const pst = lookupZone('PST');
    const pdt = lookupZone('PDT');
    const pt = lookupZone('PT');
    if (!pst || !pdt || !pt) throw new Error('zones missing');
    expect(seasonMismatch('PST', pst, '2026-07-01', 5)).toMatch(/on PDT on 2026-07-01/);
    expect(seasonMismatch('PST', pst, '2026-12-07', 21)).toBeUndefined();
    expect(seasonMismatch('PST', pst, '2026-02-23', 21)).toMatch(/on PDT on 2026-03-08/);
    expect(seasonMismatch('PDT', pdt, '2026-12-07', 3)).toMatch(/on PST/);
    expect(seasonMismatch('PT', pt, '2026-07-01', 30)).toBeUndefined();
  });
});

describe('weekdays in prose', () => {
  it.each([
    ['on weekdays', [1, 2, 3, 4, 5]],
    ['weekend async check-in', [6, 7]],
    ['Tuesday 2 PM', [2]],
    ['Tuesdays and Thursdays', [2, 4]],
    ['Mon–Thu', [1, 2, 3, 4]],
    ['Monday-Friday', [1, 2, 3, 4, 5]],
    ['Monitoring review', undefined],
  ])('%s', (text, days) => {
    expect(weekdaysIn(text)).toEqual(days);
  });
});
