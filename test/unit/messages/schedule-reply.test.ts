import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { scheduleReply } from '../../../src/service/messages/schedule-reply.js';
import { messageText } from './message-text.js';

const la = 'America/Los_Angeles';
// Los Angeles springs forward on 2026-03-08, Berlin only on 2026-03-29: the gap between them shrinks by an hour.
const before = DateTime.fromISO('2026-03-06T09:00', { zone: la });
const after = DateTime.fromISO('2026-03-09T09:00', { zone: la });

describe('scheduleReply', () => {
  it("shows each firing in the asker's zone, across the plan zone's DST change", () => {
    const message = scheduleReply({
      planName: 'Sprint',
      askerZone: 'Europe/Berlin',
      planZone: la,
      firings: [
        { kind: 'standup', at: after },
        { kind: 'standup', at: before.toJSDate() },
      ],
    });
    const text = messageText(message);
    expect(message).toMatchObject({ kind: 'reply', ephemeral: true });
    expect(text).toContain(
      '• *Stand-up*: Fri 6 Mar, 18:00 GMT+1 (09:00 PST plan time)\n• *Stand-up*: Mon 9 Mar, 17:00 GMT+1 (09:00 PDT plan time)',
    );
    expect(text).toContain('Times in your zone, Europe/Berlin. The plan runs on America/Los_Angeles.');
  });

  it('the autumn change shows up for an asker in Sydney too', () => {
    const text = messageText(
      scheduleReply({
        planName: 'Sprint',
        askerZone: 'Australia/Sydney',
        planZone: la,
        firings: [
          { kind: 'triage', at: DateTime.fromISO('2026-10-30T14:00', { zone: la }) },
          { kind: 'triage', at: DateTime.fromISO('2026-11-02T14:00', { zone: la }) },
        ],
      }),
    );
    expect(text).toContain('*Blocker triage*: Sat 31 Oct, 08:00 GMT+11 (14:00 PDT plan time)');
    expect(text).toContain('*Blocker triage*: Tue 3 Nov, 09:00 GMT+11 (14:00 PST plan time)');
  });

  it('omits the plan time when the asker shares the plan zone, and uses ritual names', () => {
    const text = messageText(
      scheduleReply({
        planName: 'Sprint',
        askerZone: la,
        planZone: la,
        firings: [{ kind: 'weekly_memo', name: 'Friday memo', at: before }],
      }),
    );
    expect(text).toContain('• *Friday memo*: Fri 6 Mar, 09:00 PST');
    expect(text).not.toContain('plan time');
  });

  it('says when nothing is scheduled', () => {
    expect(scheduleReply({ planName: 'Sprint', askerZone: la, planZone: la, firings: [] }).text).toBe(
      'Nothing is scheduled for Sprint.',
    );
  });
});
