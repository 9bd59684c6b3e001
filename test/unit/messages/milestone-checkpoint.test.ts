import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { milestoneCheckpoint } from '../../../src/service/messages/milestone-checkpoint.js';
import { syncReminder } from '../../../src/service/messages/sync-reminder.js';
import { expectWithinLimits, messageText } from './message-text.js';

describe('milestoneCheckpoint', () => {
  it('shows each gate criterion with its status and a verdict', () => {
    const message = milestoneCheckpoint({
      planName: 'Sprint',
      milestone: { name: 'Stakeholder playback', date: '2026-12-21' },
      criteria: [
        { text: 'Sign-off captured', status: 'met' },
        { text: 'Launch blockers prioritised', status: 'not_met', note: 'waiting on Casey' },
        { text: 'Staging window booked', status: 'at_risk' },
      ],
      openTasks: [{ key: 'd15', title: 'Stakeholder Playback', owner: '<@UCASEY>' }],
    });
    const text = messageText(message);
    expect(message.kind).toBe('milestone_checkpoint');
    expect(text).toContain('*Gate not passed yet:* 2 of 3 criteria open, 1 gated task unfinished.');
    expect(text).toContain('• *Met* · Sign-off captured');
    expect(text).toContain('• *Not met* · Launch blockers prioritised (waiting on Casey)');
    expect(text).toContain('• *At risk* · Staging window booked');
    expect(text).toContain('• *d15* Stakeholder Playback · <@UCASEY>');
    expectWithinLimits(message);
  });

  it('passes the gate when every criterion is met', () => {
    const message = milestoneCheckpoint({
      planName: 'Sprint',
      milestone: { name: 'Launch', date: '2026-12-25' },
      criteria: [{ text: 'Alerts confirmed', status: 'met' }],
    });
    expect(messageText(message)).toContain('*Gate passed:* every criterion is met.');
  });
});

describe('milestoneCheckpoint without written criteria', () => {
  it('judges the gate by its tasks, says how many are done and why each open one is open', () => {
    const message = milestoneCheckpoint({
      planName: 'Sprint',
      milestone: { name: 'Data ready', date: '2026-12-10' },
      criteria: [],
      progress: { done: 1, total: 3 },
      openTasks: [
        { key: 'd3', title: 'Data ingestion', owner: 'Luis', state: 'blocked' },
        { key: 'd4', title: 'Data quality', owner: 'Luis', state: 'due_today' },
      ],
    });
    const text = messageText(message);
    expect(text).toContain('*Gate not passed yet:* 2 gated tasks unfinished.');
    expect(text).toContain('1 of 3 gated tasks done.');
    expect(text).toContain('• *d3* Data ingestion · Luis · _blocked_');
    expect(text).toContain('• *d4* Data quality · Luis · _due today_');
    expect(
      messageText(
        milestoneCheckpoint({
          planName: 'Sprint',
          milestone: { name: 'Data ready', date: '2026-12-10' },
          criteria: [],
          progress: { done: 3, total: 3 },
        }),
      ),
    ).toContain('*Gate passed:* every gated task is done.');
  });
});

describe('syncReminder', () => {
  it('gives the time in the plan zone, attendees and agenda', () => {
    const message = syncReminder({
      planName: 'Sprint',
      title: 'Weekly sync',
      at: DateTime.fromISO('2026-12-15T17:00', { zone: 'America/Los_Angeles' }),
      zone: 'America/Los_Angeles',
      attendees: ['<@USAM>', '<@UALEX>'],
      agenda: ['Risks', 'Launch readiness'],
    });
    const text = messageText(message);
    expect(message.kind).toBe('sync_reminder');
    expect(text).toContain('*Weekly sync* for Sprint at Tue 15 Dec, 17:00 PST.\nWith <@USAM> and <@UALEX>.');
    expect(text).toContain('• Risks\n• Launch readiness');
  });
});
